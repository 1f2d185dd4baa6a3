package io.detkit.detector.optim;

/** Range checks for hyper-parameters. */
final class Hyper {
    private Hyper() {}

    static double eps(double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be ≥ 0, got " + eps);
        }
        return eps;
    }

    static double unit(String what, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + v);
        }
        return v;
    }
}
