package io.detkit.detector.zoo;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import io.detkit.detector.nn.AdaptiveAvgPool2d;
import java.util.List;

/**
 * Classic classification networks built from DJL blocks, layer for layer as torchvision builds
 * them, so that their parameter counts and multiply-accumulates can be checked against published
 * figures. They pin the profiler; they are not trained by detkit.
 *
 * <table>
 *   <caption>Reference figures (ImageNet heads, 1000 classes; LeNet-5 10 classes)</caption>
 *   <tr><th>network</th><th>input</th><th>parameters</th><th>MACs (torchvision "GFLOPS")</th></tr>
 *   <tr><td>{@link #lenet5()}</td><td>1×32×32</td><td>61,706</td><td>416,520 (by hand)</td></tr>
 *   <tr><td>{@link #alexnet(int)}</td><td>3×224×224</td><td>61,100,840</td><td>0.714 G</td></tr>
 *   <tr><td>{@link #vgg16(int)}</td><td>3×224×224</td><td>138,357,544</td><td>15.47 G</td></tr>
 *   <tr><td>{@link #resnet50(int)}</td><td>3×224×224</td><td>25,557,032</td><td>4.089 G</td></tr>
 * </table>
 *
 * <p>Nesting follows torchvision's modules (AlexNet and VGG: features, avgpool, classifier;
 * ResNet: stem, layer1…layer4, head), so profiler rows map onto torchvision's names: ResNet-50's
 * {@code 03.03.01.01.04} is {@code layer2[2].conv2} (stage 03 = layer2, its third bottleneck, the
 * residual {@code ParallelBlock}, its main path, the fourth module), {@code 03.01.01.02.01} is
 * {@code layer2[0].downsample[0]}, and AlexNet's {@code 01.04} is {@code features[3]}.
 */
public final class ReferenceNets {
    private ReferenceNets() {}

    /**
     * LeNet-5 in its common 32×32 form: conv 6@5×5 → ReLU → max-pool 2 → conv 16@5×5 → ReLU →
     * max-pool 2 → fully connected 400→120 → ReLU → 120→84 → ReLU → 84→10. Input N×1×32×32.
     *
     * @return the network (61,706 parameters)
     */
    public static SequentialBlock lenet5() {
        return new SequentialBlock()
                .add(conv(6, 5, 1, 0, true))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(16, 5, 1, 0, true))
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(linear(120))
                .add(Activation.reluBlock())
                .add(linear(84))
                .add(Activation.reluBlock())
                .add(linear(10));
    }

    /**
     * AlexNet as torchvision's {@code alexnet} (the one-GPU variant of "One weird trick"): five
     * convolutions 64/192/384/256/256, adaptive average pool to 6×6, classifier with dropout and two
     * 4096-wide layers. Input N×3×H×W (224 as published).
     *
     * @param numClasses classes of the last layer (1000 for ImageNet)
     * @return the network (61,100,840 parameters for 1000 classes)
     */
    public static SequentialBlock alexnet(int numClasses) {
        SequentialBlock features = new SequentialBlock()
                .add(conv(64, 11, 4, 2, true)).add(Activation.reluBlock()).add(maxPool(3, 2, 0))
                .add(conv(192, 5, 1, 2, true)).add(Activation.reluBlock()).add(maxPool(3, 2, 0))
                .add(conv(384, 3, 1, 1, true)).add(Activation.reluBlock())
                .add(conv(256, 3, 1, 1, true)).add(Activation.reluBlock())
                .add(conv(256, 3, 1, 1, true)).add(Activation.reluBlock()).add(maxPool(3, 2, 0));
        return new SequentialBlock()
                .add(features)
                .add(AdaptiveAvgPool2d.of(6))
                .add(classifier(numClasses));
    }

    /**
     * VGG-16 (configuration D, without batch normalization) as torchvision's {@code vgg16}: thirteen
     * 3×3 convolutions in five stages of 64/128/256/512/512 channels with max-pools, adaptive
     * average pool to 7×7, classifier with two 4096-wide layers. Input N×3×H×W (224 as published).
     *
     * @param numClasses classes of the last layer (1000 for ImageNet)
     * @return the network (138,357,544 parameters for 1000 classes)
     */
    public static SequentialBlock vgg16(int numClasses) {
        int[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
        SequentialBlock features = new SequentialBlock();
        for (int[] stage : stages) {
            for (int channels : stage) {
                features.add(conv(channels, 3, 1, 1, true)).add(Activation.reluBlock());
            }
            features.add(maxPool(2, 2, 0));
        }
        return new SequentialBlock()
                .add(features)
                .add(AdaptiveAvgPool2d.of(7))
                .add(classifier(numClasses));
    }

    /**
     * ResNet-50 v1.5 as torchvision's {@code resnet50}: a 7×7/2 stem and max-pool, four stages of
     * 3/4/6/3 bottlenecks (1×1 → 3×3 → 1×1, expansion 4, the stride on the 3×3 convolution, a
     * 1×1 projection with batch norm on each stage's first block), global average pool and a fully
     * connected layer. Convolutions have no bias; every one is followed by batch norm. Each
     * bottleneck is a {@code ParallelBlock} (main path, shortcut) joined by a sum, then a ReLU.
     *
     * @param numClasses classes of the last layer (1000 for ImageNet)
     * @return the network (25,557,032 parameters for 1000 classes)
     */
    public static SequentialBlock resnet50(int numClasses) {
        SequentialBlock net = new SequentialBlock();
        net.add(new SequentialBlock()
                .add(conv(64, 7, 2, 3, false)).add(bn()).add(Activation.reluBlock()).add(maxPool(3, 2, 1)));
        int[] blocks = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int s = 0; s < 4; s++) {
            SequentialBlock stage = new SequentialBlock();
            for (int b = 0; b < blocks[s]; b++) {
                int stride = b == 0 && s > 0 ? 2 : 1;
                stage.add(bottleneck(widths[s], stride, b == 0));
            }
            net.add(stage);
        }
        net.add(new SequentialBlock().add(Pool.globalAvgPool2dBlock()).add(linear(numClasses)));
        return net;
    }

    private static Block bottleneck(int width, int stride, boolean project) {
        int out = width * 4;
        SequentialBlock main = new SequentialBlock()
                .add(conv(width, 1, 1, 0, false)).add(bn()).add(Activation.reluBlock())
                .add(conv(width, 3, stride, 1, false)).add(bn()).add(Activation.reluBlock())
                .add(conv(out, 1, 1, 0, false)).add(bn());
        Block shortcut = project
                ? new SequentialBlock().add(conv(out, 1, stride, 0, false)).add(bn())
                : Blocks.identityBlock();
        ParallelBlock residual = new ParallelBlock(
                list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(main, shortcut));
        return new SequentialBlock().add(residual).add(Activation.reluBlock());
    }

    private static SequentialBlock classifier(int numClasses) {
        return new SequentialBlock()
                .add(Blocks.batchFlattenBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(linear(4096)).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(linear(4096)).add(Activation.reluBlock())
                .add(linear(numClasses));
    }

    private static Conv2d conv(int filters, int kernel, int stride, int padding, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(bias)
                .build();
    }

    private static Linear linear(int units) {
        return Linear.builder().setUnits(units).build();
    }

    private static BatchNorm bn() {
        return BatchNorm.builder().build();
    }

    private static Block maxPool(int kernel, int stride, int padding) {
        return Pool.maxPool2dBlock(new Shape(kernel, kernel), new Shape(stride, stride), new Shape(padding, padding));
    }
}
