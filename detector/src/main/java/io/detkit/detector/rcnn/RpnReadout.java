package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The RPN head's maps copied to Java arrays (no gradient) in anchor order: per image and level,
 * objectness {@code H·W·A} and deltas {@code 4·H·W·A}, anchor {@code (y, x, a)} at
 * {@code (y·W + x)·A + a} as {@link AnchorGenerator} lays anchors out.
 */
final class RpnReadout {
    private final float[][][] logits; // [image][level][H·W·A]
    private final float[][][] deltas; // [image][level][4·H·W·A]

    private RpnReadout(float[][][] logits, float[][][] deltas) {
        this.logits = logits;
        this.deltas = deltas;
    }

    /**
     * @param rpnOut the head's output: L objectness maps N×A×H×W, then L delta maps N×4A×H×W
     * @param levels L
     * @return the readout
     */
    static RpnReadout of(NDList rpnOut, int levels) {
        int n = (int) rpnOut.get(0).getShape().get(0);
        float[][][] lg = new float[n][levels][];
        float[][][] dl = new float[n][levels][];
        for (int l = 0; l < levels; l++) {
            Shape s = rpnOut.get(l).getShape();
            int a = (int) s.get(1), h = (int) s.get(2), w = (int) s.get(3);
            float[] obj = floats(rpnOut.get(l));
            float[] del = floats(rpnOut.get(levels + l));
            int hw = h * w;
            for (int i = 0; i < n; i++) {
                float[] o = new float[hw * a];
                float[] d = new float[4 * hw * a];
                for (int k = 0; k < a; k++) {
                    int src = (i * a + k) * hw;
                    for (int p = 0; p < hw; p++) {
                        o[p * a + k] = obj[src + p];
                    }
                    for (int c = 0; c < 4; c++) {
                        int dsrc = (i * 4 * a + 4 * k + c) * hw;
                        for (int p = 0; p < hw; p++) {
                            d[(p * a + k) * 4 + c] = del[dsrc + p];
                        }
                    }
                }
                lg[i][l] = o;
                dl[i][l] = d;
            }
        }
        return new RpnReadout(lg, dl);
    }

    static float[] floats(NDArray a) {
        return a.getDataType() == DataType.FLOAT32 ? a.toFloatArray() : a.toType(DataType.FLOAT32, false).toFloatArray();
    }

    /**
     * @param i the image
     * @return whether every logit and delta of image i is finite (a diverged step gives NaN; the
     *     model then makes no proposals for the image and the loss reports the NaN)
     */
    boolean finite(int i) {
        for (float[][] maps : new float[][][] {logits[i], deltas[i]}) {
            for (float[] m : maps) {
                for (float v : m) {
                    if (!Float.isFinite(v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** @return per level the objectness logits of image i */
    float[][] logits(int i) {
        return logits[i];
    }

    /** @return per level the deltas of image i */
    float[][] deltas(int i) {
        return deltas[i];
    }
}
