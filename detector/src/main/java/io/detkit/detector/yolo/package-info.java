/**
 * A YOLO-style one-stage, anchor-free detector: model, label assignment, loss and decoding.
 *
 * <p>Typical use in a training step (inside a per-step sub-manager):
 *
 * <pre>{@code
 * YoloConfig config = new YoloConfig(numClasses, YoloSize.N, ActivationSpec.silu(), 640);
 * model.setBlock(YoloModel.create(config));
 * YoloLoss loss = YoloLoss.of(config);
 * ...
 * NDList preds = trainer.forward(new NDList(images));          // N×3×H×W in [0, 1]
 * YoloLoss.Parts parts = loss.compute(preds, gtBoxes, gtClasses, gtCount);
 * gc.backward(parts.total());
 * ...
 * List<List<Detection>> dets = YoloDecoder.create(config).decode(preds, 0.25f, 0.7f, 300);
 * }</pre>
 *
 * <p>Tensor layouts:
 *
 * <ul>
 *   <li>model input {@code N×3×H×W}, float32 RGB in [0, 1], H and W multiples of 32;
 *   <li>model output three arrays {@code N×(4 + C)×H/s×W/s} for strides 8, 16, 32 — channels 0–3
 *       raw box distances (l, t, r, b; distance = softplus(raw)·stride pixels), 4… class logits;
 *   <li>targets: {@code gtBoxes N×M×4} xyxy in input pixels, {@code gtClasses N×M} class ids,
 *       {@code gtCount N} valid slots per image (the rest is padding);
 *   <li>anchors: level by level, row-major inside a level, centres at
 *       {@code ((x + 0.5)·s, (y + 0.5)·s)} ({@link io.detkit.detector.yolo.AnchorGrid}).
 * </ul>
 */
package io.detkit.detector.yolo;
