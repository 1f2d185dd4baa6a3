package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;

/**
 * Reading the head output: flattening the levels into one anchor axis and turning raw distances
 * into boxes. Shared by {@link YoloLoss} and {@link YoloDecoder}.
 */
public final class YoloOutputs {
    private YoloOutputs() {}

    /**
     * Flattens per-level head outputs into one array, anchors in {@link AnchorGrid} order.
     *
     * @param preds per level {@code N×(4 + C)×H_l×W_l}
     * @return {@code N×A×(4 + C)}
     */
    public static NDArray flatten(NDList preds) {
        NDList flat = new NDList(preds.size());
        for (NDArray p : preds) {
            long n = p.getShape().get(0), c = p.getShape().get(1);
            flat.add(p.reshape(n, c, -1));
        }
        NDArray all = flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat, 2);
        return all.transpose(0, 2, 1);
    }

    /**
     * The raw box part of a flattened output.
     *
     * @param flat {@code N×A×(4 + C)}
     * @return {@code N×A×4}
     */
    public static NDArray rawBoxes(NDArray flat) {
        return flat.get(new NDIndex("..., :4"));
    }

    /**
     * The class-logit part of a flattened output.
     *
     * @param flat {@code N×A×(4 + C)}
     * @return {@code N×A×C}
     */
    public static NDArray classLogits(NDArray flat) {
        return flat.get(new NDIndex("..., 4:"));
    }

    /**
     * Boxes from raw distances: {@code d = softplus(raw)·stride}, box
     * {@code (x − d_l, y − d_t, x + d_r, y + d_b)} around the anchor point {@code (x, y)}.
     * Differentiable in {@code raw}.
     *
     * @param raw {@code N×A×4} raw (l, t, r, b)
     * @param points {@code A×2} anchor centres in pixels
     * @param strides {@code A×1} anchor strides
     * @return {@code N×A×4} xyxy in input pixels
     */
    public static NDArray boxes(NDArray raw, NDArray points, NDArray strides) {
        NDArray d = Activation.softPlus(raw).mul(strides);
        NDArray lt = d.get(new NDIndex("..., :2"));
        NDArray rb = d.get(new NDIndex("..., 2:"));
        return NDArrays.concat(new NDList(points.sub(lt), points.add(rb)), -1);
    }

    /**
     * The raw value that decodes to a distance of {@code strides} strides: {@code log(e^d − 1)}.
     *
     * @param strides distance in strides, &gt; 0
     * @return the raw value
     */
    public static double rawForDistance(double strides) {
        return strides > 20 ? strides : Math.log(Math.expm1(strides));
    }
}
