package io.detkit.detector.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import io.detkit.profile.LayerKind;
import io.detkit.profile.LayerProfile;
import io.detkit.profile.ProfileReport;
import io.detkit.profile.Profiler;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the profiler to published figures: parameters exactly as torchvision's
 * {@code sum(p.numel() for p in model.parameters())}, MACs within 0.5% of torchvision's published
 * {@code _ops} (which it labels GFLOPS, one multiply-add = 1).
 */
class ReferenceNetsTest {

    private static ProfileReport profile(String name) {
        ModelZoo.Entry e = ModelZoo.get(name);
        return Profiler.profile(e.build(), e.inputShape(1, e.defaultImageSize()));
    }

    private static void assertWithinHalfPercent(double published, long macs) {
        double rel = Math.abs(macs - published) / published;
        assertTrue(rel <= 0.005, "MACs " + macs + " vs published " + published + ": " + rel * 100 + "% off");
    }

    /** The receptive field and stride of the last layer whose output is still an image. */
    private static long[] lastField(ProfileReport r) {
        List<LayerProfile> withField = r.layers().stream().filter(l -> l.receptiveField() != null).toList();
        var f = withField.get(withField.size() - 1).receptiveField();
        return new long[] {f.height(), f.strideHeight()};
    }

    @Test
    void lenet5() {
        ProfileReport r = profile("lenet5");
        // parameters: conv1 6·1·5·5 + 6 = 156; conv2 16·6·5·5 + 16 = 2,416; fc 400·120 + 120 = 48,120;
        // 120·84 + 84 = 10,164; 84·10 + 10 = 850; sum 61,706
        assertEquals(61_706L, r.total().params());
        // MACs by hand, 1×32×32 input:
        //   conv1 5×5, 1→6, 28×28 out: 25·1·6·784  = 117,600
        //   pool 2 → 14×14; conv2 5×5, 6→16, 10×10 out: 25·6·16·100 = 240,000
        //   pool 2 → 5×5; fc 400→120: 48,000; 120→84: 10,080; 84→10: 840
        //   total 117,600 + 240,000 + 48,000 + 10,080 + 840 = 416,520
        assertEquals(416_520L, r.total().macs());
        assertEquals(833_040L, r.total().flops());
        // field: conv5 → 5 (j 1); pool2 → 6 (j 2); conv5 → 6 + 4·2 = 14; pool2 → 16 (j 4)
        assertEquals(List.of(16L, 4L), List.of(lastField(r)[0], lastField(r)[1]));
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void alexnet() {
        ProfileReport r = profile("alexnet");
        assertEquals(61_100_840L, r.total().params());
        assertWithinHalfPercent(0.714e9, r.total().macs());
        // 11/4 → 11; pool 3/2 → 19 (j 8); 5×5 → 51; pool → 67 (j 16); three 3×3 → 163; pool → 195 (j 32)
        assertEquals(195, lastField(r)[0]);
        assertEquals(32, lastField(r)[1]);
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void vgg16() {
        ProfileReport r = profile("vgg16");
        assertEquals(138_357_544L, r.total().params());
        assertWithinHalfPercent(15.47e9, r.total().macs());
        // stage s (j = 2^(s-1)) adds 2·j per 3×3 conv and j per 2×2 pool:
        // 1 + (4 + 1) + (8 + 2) + (24 + 4) + (48 + 8) + (96 + 16) = 212, stride 32
        assertEquals(212, lastField(r)[0]);
        assertEquals(32, lastField(r)[1]);
    }

    @Test
    void resnet50() {
        ProfileReport r = profile("resnet50");
        assertEquals(25_557_032L, r.total().params());
        assertWithinHalfPercent(4.089e9, r.total().macs());
        // 53 batch norms hold 2 × 26,560 running statistics: buffers, not parameters
        assertEquals(53_120L, r.total().buffers());
        assertEquals(53, r.layers().stream().filter(l -> l.kind() == LayerKind.NORM).count());
        assertEquals(53, r.layers().stream().filter(l -> l.kind() == LayerKind.CONV).count());
        assertEquals(16, r.layers().stream().filter(l -> l.kind() == LayerKind.MERGE).count());
        // stem 7/2 → 7, pool 3/2 → 11 (j 4); each bottleneck's 3×3 adds 2·j (before its stride):
        // layer1 3·8 → 35; layer2 8 + 3·16 → 91 (j 8); layer3 16 + 5·32 → 267 (j 16);
        // layer4 32 + 2·64 → 427 (j 32)
        assertEquals(427, lastField(r)[0]);
        assertEquals(32, lastField(r)[1]);
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void otherImageSizesScaleTheConvolutionsAndKeepTheParameters() {
        ModelZoo.Entry e = ModelZoo.get("alexnet");
        ProfileReport r = Profiler.profile(e.build(), e.inputShape(1, 320));
        assertEquals(61_100_840L, r.total().params());
        // features end at 9×9 for 320 px; the adaptive pool reads overlapping 2×2 bins into 6×6
        LayerProfile pool = r.layers().stream().filter(l -> l.type().equals("AdaptiveAvgPool2d")).findFirst().orElseThrow();
        assertEquals(new Shape(1, 256, 9, 9), pool.inputShapes().get(0));
        assertEquals(new Shape(1, 256, 6, 6), pool.outputShapes().get(0));
        assertEquals(256L * 12 * 12, pool.otherOps()); // six bins of 2 rows and six of 2 columns
        assertTrue(r.total().macs() > 1.4e9);
    }

    @Test
    void zooLooksUpByNameAndListsNames() {
        assertEquals(List.of("lenet5", "alexnet", "vgg16", "resnet50"), ModelZoo.names().subList(0, 4));
        assertEquals(1, ModelZoo.get("LeNet5").inputChannels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelZoo.get("resnet51"));
        assertTrue(e.getMessage().contains("known models: lenet5, alexnet"), e.getMessage());
    }
}
