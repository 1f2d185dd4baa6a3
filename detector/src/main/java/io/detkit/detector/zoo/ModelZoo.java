package io.detkit.detector.zoo;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Networks known by name, for {@code detkit profile --model NAME} and anything else that needs a
 * block from a name. Holds the {@link ReferenceNets} ({@code lenet5}, {@code alexnet},
 * {@code vgg16}, {@code resnet50}) and detkit's detectors in every size ({@code yolo-t}, …,
 * {@code faster-rcnn-t}, …); more can be added with {@link #register}.
 */
public final class ModelZoo {
    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(new Entry("lenet5", "LeNet-5, 32x32 grey input, 10 classes", 1, 32, ReferenceNets::lenet5));
        register(new Entry("alexnet", "AlexNet as torchvision, 1000 classes", 3, 224, () -> ReferenceNets.alexnet(1000)));
        register(new Entry("vgg16", "VGG-16 (no batch norm) as torchvision, 1000 classes", 3, 224, () -> ReferenceNets.vgg16(1000)));
        register(new Entry("resnet50", "ResNet-50 v1.5 as torchvision, 1000 classes", 3, 224, () -> ReferenceNets.resnet50(1000)));
        for (io.detkit.detector.yolo.YoloSize size : io.detkit.detector.yolo.YoloSize.values()) {
            String name = "yolo-" + size.name().toLowerCase(java.util.Locale.ROOT);
            register(new Entry(name, "detkit YOLO-style detector, size " + size.name().toLowerCase(java.util.Locale.ROOT)
                    + ", 80 classes (COCO)", 3, 640, () -> io.detkit.detector.yolo.YoloModel.create(
                            io.detkit.detector.yolo.YoloConfig.of(80, size))));
        }
        for (io.detkit.detector.yolo.YoloSize size : io.detkit.detector.yolo.YoloSize.values()) {
            String s = size.name().toLowerCase(java.util.Locale.ROOT);
            register(new Entry("faster-rcnn-" + s, "detkit Faster R-CNN (FPN P3-P5, 64 ch; box head 256) on the size-" + s
                    + " CSP backbone, 80 classes (COCO), second stage counted for its 1000 inference RoIs", 3, 640,
                    () -> io.detkit.detector.rcnn.FasterRcnnModel.create(io.detkit.detector.rcnn.RcnnConfig.defaults(80, size, 640))));
        }
    }

    private ModelZoo() {}

    /**
     * A named network.
     *
     * @param name lower-case name, as typed on the command line
     * @param description one line for listings
     * @param inputChannels channels of the input image
     * @param defaultImageSize the image size the network is usually profiled at
     * @param factory makes a new, uninitialized block
     */
    public record Entry(String name, String description, int inputChannels, int defaultImageSize, Supplier<Block> factory) {
        /** Checks the values and lower-cases the name. */
        public Entry {
            name = Objects.requireNonNull(name).toLowerCase(Locale.ROOT);
            Objects.requireNonNull(factory);
            if (inputChannels < 1 || defaultImageSize < 1) {
                throw new IllegalArgumentException("input channels and image size must be positive for " + name);
            }
        }

        /**
         * Makes a new block.
         *
         * @return the block, uninitialized
         */
        public Block build() {
            return factory.get();
        }

        /**
         * The NCHW input shape for a square image.
         *
         * @param batch batch size
         * @param imageSize image height and width
         * @return the shape
         */
        public Shape inputShape(int batch, int imageSize) {
            return new Shape(batch, inputChannels, imageSize, imageSize);
        }
    }

    /**
     * Adds or replaces a named network.
     *
     * @param entry the network
     */
    public static synchronized void register(Entry entry) {
        ENTRIES.put(entry.name(), entry);
    }

    /**
     * Looks up a network by name, ignoring case.
     *
     * @param name the name
     * @return the entry, if known
     */
    public static synchronized Optional<Entry> find(String name) {
        return Optional.ofNullable(ENTRIES.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Looks up a network by name, ignoring case.
     *
     * @param name the name
     * @return the entry
     * @throws IllegalArgumentException naming the known networks when the name is unknown
     */
    public static Entry get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown model \"" + name + "\"; known models: " + String.join(", ", names())));
    }

    /**
     * The known names, in registration order.
     *
     * @return the names
     */
    public static synchronized List<String> names() {
        return new ArrayList<>(ENTRIES.keySet());
    }
}
