package io.detkit.detector;

import ai.djl.Device;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.output.BoundingBox;
import ai.djl.modality.cv.output.DetectedObjects;
import ai.djl.modality.cv.output.Rectangle;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.data.DetectionDataset;
import io.detkit.data.image.ImageDecoder;
import io.detkit.data.image.Letterbox;
import io.detkit.data.image.LetterboxResult;
import io.detkit.data.image.LetterboxTransform;
import io.detkit.data.image.OpenCvNatives;
import io.detkit.data.DetectionSample;
import io.detkit.data.loader.Batch;
import io.detkit.data.loader.BatchLoader;
import io.detkit.data.loader.LetterboxSource;
import io.detkit.data.loader.MatTensors;
import io.detkit.detector.train.Checkpoint;
import io.detkit.detector.train.Validation;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.report.EvaluationReport;
import io.detkit.report.ImageLocator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A trained detector, callable from plain Java:
 *
 * <pre>{@code
 * try (Detector detector = Detector.load(Path.of("runs/yolo-shapes/weights/best.ckpt"))) {
 *     detector.setConf(0.25);
 *     for (DetectedObject o : detector.detect(Path.of("image.jpg"))) {
 *         System.out.println(o.className() + " " + o.score() + " " + o.box());
 *     }
 * }
 * }</pre>
 *
 * <p>Images are letterboxed to the model's input size; returned boxes are in the original image's
 * pixels. YOLO and Faster R-CNN checkpoints load the same way.
 *
 * <p>Thread-safety: every public method is synchronized, so one instance may be shared by threads
 * (calls run one at a time); for parallel inference load one instance per thread.
 */
public final class Detector implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NDManager manager;
    private final DetectorModels.Built built;
    private final Letterbox letterbox;
    private final List<String> classNames;
    /** The largest input side {@link #load(Path, Device, int)} accepts (a 3×8192² float input is 805 MB). */
    public static final int MAX_IMGSZ = 8192;

    private volatile boolean closed;
    private double conf = 0.25;
    private double iou = 0.45;
    private int maxDet = 300;

    private Detector(NDManager manager, DetectorModels.Built built) {
        this.manager = manager;
        this.built = built;
        this.letterbox = Letterbox.square(built.description().get("imgsz").asInt());
        this.classNames = built.classNames();
    }

    /**
     * Loads a checkpoint: a {@code .ckpt} file, or a run folder (its {@code weights/best.ckpt},
     * else {@code weights/last.ckpt}).
     *
     * @param path checkpoint or run folder
     * @return the detector, on the CPU
     * @throws IOException if the checkpoint is missing or corrupt
     */
    public static Detector load(Path path) throws IOException {
        return load(path, Device.cpu());
    }

    /**
     * Loads a checkpoint onto a device.
     *
     * @param path checkpoint or run folder
     * @param device the device
     * @return the detector
     * @throws IOException if the checkpoint is missing or corrupt
     */
    public static Detector load(Path path, Device device) throws IOException {
        return load(path, device, 0);
    }

    /**
     * Loads a checkpoint onto a device to run at another input size than it was trained at (the
     * network is fully convolutional; accuracy is best near the training size).
     *
     * @param path checkpoint or run folder
     * @param device the device
     * @param imgsz square input size in pixels, a positive multiple of 32, or 0 for the checkpoint's
     *     (its run's {@code val.imgsz}, else its training size)
     * @return the detector
     * @throws IOException if the checkpoint is missing or corrupt
     * @throws IllegalArgumentException if {@code imgsz} is not 0 or a positive multiple of 32
     */
    public static Detector load(Path path, Device device, int imgsz) throws IOException {
        if (imgsz != 0 && (imgsz < 32 || imgsz % 32 != 0 || imgsz > MAX_IMGSZ)) {
            throw new IllegalArgumentException("imgsz must be a multiple of 32 (the largest stride) from 32 to " + MAX_IMGSZ
                    + ", got " + imgsz);
        }
        Path file = path;
        if (Files.isDirectory(path)) {
            file = path.resolve("weights/best.ckpt");
            if (!Files.exists(file)) {
                file = path.resolve("weights/last.ckpt");
            }
        }
        Checkpoint c = Checkpoint.read(file);
        com.fasterxml.jackson.databind.JsonNode description = JSON.readTree(c.getText("model.json"));
        if (imgsz == 0 && description.has(DetectorModels.INFER_IMGSZ)) {
            imgsz = description.get(DetectorModels.INFER_IMGSZ).asInt(); // the run's val.imgsz
        }
        if (imgsz != 0) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) description).put("imgsz", imgsz);
        }
        DetectorModels.Built built = DetectorModels.fromDescription(description);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            built.block().initialize(manager, DataType.FLOAT32, built.inputShape(1));
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.get("model.params")))) {
                built.block().loadParameters(manager, in);
            }
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            manager.close();
            throw new IOException(file + ": cannot load the model parameters: " + e.getMessage(), e);
        }
        return new Detector(manager, built);
    }

    /**
     * @param conf confidence threshold (default 0.25)
     * @throws IllegalArgumentException if not in [0, 1]
     */
    public synchronized void setConf(double conf) {
        if (!(conf >= 0 && conf <= 1)) {
            throw new IllegalArgumentException("conf must be in [0, 1], got " + conf);
        }
        this.conf = conf;
    }

    /**
     * @param iou NMS IoU threshold (default 0.45)
     * @throws IllegalArgumentException if not in [0, 1]
     */
    public synchronized void setIou(double iou) {
        if (!(iou >= 0 && iou <= 1)) {
            throw new IllegalArgumentException("iou must be in [0, 1], got " + iou);
        }
        this.iou = iou;
    }

    /**
     * @param maxDet maximum detections per image (default 300)
     * @throws IllegalArgumentException if less than 1
     */
    public synchronized void setMaxDet(int maxDet) {
        if (maxDet < 1) {
            throw new IllegalArgumentException("maxDet must be at least 1, got " + maxDet);
        }
        this.maxDet = maxDet;
    }

    /** @return class names in class-index order */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the square input size */
    public int inputSize() {
        return letterbox.width();
    }

    /**
     * @param image an image file (JPEG, PNG, ...)
     * @return detections in the image's pixels
     * @throws IOException if the file cannot be decoded
     */
    public synchronized List<DetectedObject> detect(Path image) throws IOException {
        Mat m = ImageDecoder.read(image);
        try {
            return detectBatch(List.of(m)).get(0);
        } finally {
            m.release();
        }
    }

    /**
     * @param image an image (any type; converted to RGB)
     * @return detections in the image's pixels
     */
    public synchronized List<DetectedObject> detect(BufferedImage image) {
        Mat m = toMat(image);
        try {
            return detectBatch(List.of(m)).get(0);
        } finally {
            m.release();
        }
    }

    /**
     * @param bgr an OpenCV image, 8-bit BGR (not modified)
     * @return detections in the image's pixels
     */
    public synchronized List<DetectedObject> detect(Mat bgr) {
        return detectBatch(List.of(bgr)).get(0);
    }

    /**
     * Detects on several images in one forward pass.
     *
     * @param images 8-bit BGR images
     * @return one list per image
     */
    public synchronized List<List<DetectedObject>> detectBatch(List<Mat> images) {
        ensureOpen();
        int n = images.size(), s = letterbox.width();
        float[] data = new float[n * 3 * s * s];
        List<LetterboxTransform> transforms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try (LetterboxResult r = letterbox.apply(images.get(i))) {
                System.arraycopy(MatTensors.toPlanarRgb(r.image()), 0, data, i * 3 * s * s, 3 * s * s);
                transforms.add(r.transform());
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = scope.create(data, new Shape(n, 3, s, s));
            NDList preds = built.block().forward(new ParameterStore(scope, false), new NDList(x), false);
            List<List<Detection>> raw = built.decode(preds, conf, iou, maxDet);
            List<List<DetectedObject>> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                List<DetectedObject> objs = new ArrayList<>();
                for (Detection d : raw.get(i)) {
                    Box b = transforms.get(i).inverse(d.box());
                    if (b.width() > 0 && b.height() > 0) {
                        objs.add(new DetectedObject(b, d.classId(), name(d.classId()), d.score()));
                    }
                }
                out.add(objs);
            }
            return out;
        }
    }

    /**
     * Scores the detector on a dataset with the COCO evaluator (original pixels).
     *
     * @param dataset images and ground truth
     * @param batch images per forward pass
     * @param workers decoding threads
     * @return the evaluation
     */
    public synchronized CocoEvaluation evaluate(DetectionDataset dataset, int batch, int workers) {
        try (BatchLoader loader = BatchLoader.builder(new LetterboxSource(dataset.samples(), letterbox.width()))
                .setBatchSize(batch).optShuffle(false).optWorkers(workers).build()) {
            return Validation.evaluate(built.block(), manager, loader, Validation.groundTruth(dataset),
                    preds -> built.decode(preds, conf, iou, maxDet));
        }
    }

    /**
     * Runs the detector over a dataset and returns its detections as COCO results: image id = the
     * sample's id, category id = class index, boxes in original-image pixels (the detections that
     * {@link #evaluate} scores).
     *
     * @param dataset the images
     * @param batch images per forward pass
     * @param workers decoding threads
     * @return the detections, in dataset order
     */
    public synchronized CocoDetections predict(DetectionDataset dataset, int batch, int workers) {
        CocoDetections out = new CocoDetections();
        try (BatchLoader loader = BatchLoader.builder(new LetterboxSource(dataset.samples(), letterbox.width()))
                .setBatchSize(batch).optShuffle(false).optWorkers(workers).build()) {
            Iterator<Batch> it = loader.epoch(0);
            while (it.hasNext()) {
                Batch b = it.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDList in = new NDList(b.toNDList(scope).get(0));
                    NDList preds = built.block().forward(new ParameterStore(scope, false), in, false);
                    List<List<Detection>> dets = built.decode(preds, conf, iou, maxDet);
                    for (int i = 0; i < b.size(); i++) {
                        Batch.SampleInfo info = b.samples().get(i);
                        LetterboxTransform t = (LetterboxTransform) info.meta();
                        for (Detection d : dets.get(i)) {
                            Box o = t.inverse(d.box());
                            if (o.width() > 0 && o.height() > 0) {
                                out.add(info.imageId(), d.classId(), o.x1(), o.y1(), o.width(), o.height(), d.score());
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Predicts on a dataset and starts the evaluation report of it (the one {@code detkit val} and
     * the end of a training run write): ground truth from the dataset (category id = class index,
     * crowd/difficult = ignored), this detector's detections, the dataset's image files for the
     * gallery. Add a title or inputs, then {@code build()} and {@code write(dir)}.
     *
     * @param dataset images and ground truth
     * @param batch images per forward pass
     * @param workers decoding threads
     * @return the report builder
     */
    public EvaluationReport.Builder report(DetectionDataset dataset, int batch, int workers) {
        CocoDetections dets = predict(dataset, batch, workers);
        Map<Long, Path> files = new HashMap<>();
        for (DetectionSample s : dataset.samples()) {
            files.put(s.imageId(), s.imagePath());
        }
        return EvaluationReport.builder(Validation.groundTruth(dataset), dets).optImages(ImageLocator.of(files));
    }

    private String name(int classId) {
        return classId >= 0 && classId < classNames.size() ? classNames.get(classId) : String.valueOf(classId);
    }

    static Mat toMat(BufferedImage image) {
        OpenCvNatives.load();
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] bgr = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            bgr[3 * i] = (byte) p;
            bgr[3 * i + 1] = (byte) (p >> 8);
            bgr[3 * i + 2] = (byte) (p >> 16);
        }
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        m.put(0, 0, bgr);
        return m;
    }

    /**
     * The DJL way: a translator from DJL {@link Image} to {@link DetectedObjects} (boxes relative to
     * the image, as DJL's convention), for use with {@code Predictor}s built on this detector.
     * Calling it goes through this detector's {@link #detect(BufferedImage)}.
     *
     * @return the translator
     */
    public NoBatchifyTranslator<Image, DetectedObjects> translator() {
        Detector self = this;
        return new NoBatchifyTranslator<>() {
            private List<DetectedObject> last;
            private int w;
            private int h;

            @Override
            public NDList processInput(TranslatorContext ctx, Image input) {
                w = input.getWidth();
                h = input.getHeight();
                last = self.detect((BufferedImage) input.getWrappedImage());
                return new NDList();
            }

            @Override
            public DetectedObjects processOutput(TranslatorContext ctx, NDList list) {
                return toDetectedObjects(last, w, h);
            }
        };
    }

    /**
     * Converts detections to DJL's {@link DetectedObjects} (relative coordinates).
     *
     * @param objects detections in pixels
     * @param width image width
     * @param height image height
     * @return DJL's result type
     */
    public static DetectedObjects toDetectedObjects(List<DetectedObject> objects, int width, int height) {
        List<String> names = new ArrayList<>();
        List<Double> probs = new ArrayList<>();
        List<BoundingBox> boxes = new ArrayList<>();
        for (DetectedObject o : objects) {
            names.add(o.className());
            probs.add(o.score());
            Box b = o.box();
            boxes.add(new Rectangle(b.x1() / width, b.y1() / height, b.width() / width, b.height() / height));
        }
        return new DetectedObjects(names, probs, boxes);
    }

    @Override
    public synchronized void close() {
        closed = true;
        manager.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Detector is closed; load the checkpoint again to detect");
        }
    }
}
