package io.detkit.data.validate;

import java.math.BigDecimal;

/** Small box helpers for messages and clipping. */
final class Boxes {
    private Boxes() {}

    /** How far (in pixels) the box passes the furthest image edge; ≤ 0 when inside. */
    static double overshoot(double x1, double y1, double x2, double y2, int w, int h) {
        return Math.max(Math.max(-x1, -y1), Math.max(x2 - w, y2 - h));
    }

    static String text(double x1, double y1, double x2, double y2) {
        return "[" + num(x1) + ", " + num(y1) + ", " + num(x2) + ", " + num(y2) + "] (xyxy)";
    }

    /** A number in at most 4 decimals, without trailing zeros. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        return new BigDecimal(v).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }
}
