package io.detkit.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.nn.Cbam;
import io.detkit.detector.nn.ConvBnAct;
import io.detkit.detector.nn.SqueezeExcitation;
import io.detkit.detector.yolo.YoloAttention;
import io.detkit.detector.yolo.YoloConfig;
import io.detkit.detector.yolo.YoloModel;
import io.detkit.detector.yolo.YoloSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profiler's figures for SE, CBAM, PReLU and Maxout units, checked by hand. */
class AttentionProfileTest {

    @Test
    void squeezeExcitationCounts() {
        // C = 64, r = 16 → h = 4, input 1×64×20×20
        ProfileTotals t = Profiler.profile(new SqueezeExcitation(64, 16), new Shape(1, 64, 20, 20)).total();
        // params: fc1 64·4 + 4 = 260, fc2 4·64 + 64 = 320 → 580
        assertEquals(580, t.params());
        // MACs: the two 1×1 convs on a 1×1 map: 64·4 + 4·64 = 512; FLOPs 1024
        assertEquals(512, t.macs());
        assertEquals(1024, t.flops());
        // other ops: pool 64·400 = 25,600 + ReLU 4 + sigmoid 64 + scaling 25,600 = 51,268
        assertEquals(51_268, t.otherOps());
    }

    @Test
    void cbamCounts() {
        // C = 64, r = 16 → h = 4, k = 7, input 1×64×20×20
        ProfileTotals t = Profiler.profile(new Cbam(64, 16, 7), new Shape(1, 64, 20, 20)).total();
        // params: MLP 260 + 320 = 580, spatial conv 2·7·7 + 1 = 99 → 679
        assertEquals(679, t.params());
        // MACs: MLP on the stacked avg and max vectors 2·(64·4 + 4·64) = 1,024; spatial conv 7·7·2·400 = 39,200
        //   → 40,224
        assertEquals(40_224, t.macs());
        // other ops: 6·C·H·W = 6·25,600 = 153,600 + 2h = 8 + 2C = 128 + H·W = 400 → 154,136
        assertEquals(154_136, t.otherOps());
        // a batch of 2 doubles everything but the parameters
        ProfileTotals t2 = Profiler.profile(new Cbam(64, 16, 7), new Shape(2, 64, 20, 20)).total();
        assertEquals(679, t2.params());
        assertEquals(2 * 40_224, t2.macs());
        assertEquals(2 * 154_136, t2.otherOps());
    }

    @Test
    void preluAndMaxoutUnits() {
        // 3×3 conv 16 → 32, stride 1, on 1×16×10×10
        Shape in = new Shape(1, 16, 10, 10);
        ProfileTotals silu = Profiler.profile(new ConvBnAct(32, 3, 1, ActivationSpec.silu()), in).total();
        // conv 3·3·16·32 = 4,608 weights, BN 32 + 32 → 4,672 params; MACs 4,608·100 = 460,800
        assertEquals(4_672, silu.params());
        assertEquals(460_800, silu.macs());
        // other ops: BN 2·3,200 + SiLU 3,200 = 9,600
        assertEquals(9_600, silu.otherOps());
        ProfileTotals prelu = Profiler.profile(new ConvBnAct(32, 3, 1, ActivationSpec.prelu(0.25f)), in).total();
        assertEquals(4_672 + 32, prelu.params()); // one slope per channel
        assertEquals(460_800, prelu.macs());
        assertEquals(9_600, prelu.otherOps()); // the PReLU row: 1 per output element
        ProfileTotals maxout = Profiler.profile(new ConvBnAct(32, 3, 1, ActivationSpec.maxout(3)), in).total();
        // conv to 96 channels: 3·3·16·96 = 13,824 weights + BN 192 → 14,016 params (3× of 4,672);
        // MACs 13,824·100 = 1,382,400 (3×); other ops: BN 2·9,600 = 19,200 + maxout 2 comparisons · 3,200 = 6,400
        assertEquals(14_016, maxout.params());
        assertEquals(1_382_400, maxout.macs());
        assertEquals(25_600, maxout.otherOps());
    }

    @Test
    void attentionInTheYoloBackbone() {
        YoloConfig plain = new YoloConfig(80, YoloSize.T, ActivationSpec.silu(), 64);
        YoloConfig withSe = plain.withAttention(new YoloAttention(YoloAttention.Kind.SE, 16, 7, List.of(2, 3, 4, 5)));
        Shape in = new Shape(1, 3, 64, 64);
        ProfileTotals a = Profiler.profile(YoloModel.create(plain), in).total();
        ProfileTotals b = Profiler.profile(YoloModel.create(withSe), in).total();
        // yolo-t C2f stages 2..5 have C = 16, 32, 64, 128 channels at 16², 8², 4², 2² (imgsz 64, strides 4..32);
        // r = 16 → h = 1, 2, 4, 8. SE params 2·C·h + h + C: 49 + 162 + 580 + 2,184 = 2,975
        assertEquals(2_975, b.params() - a.params());
        // MACs 2·C·h: 32 + 128 + 512 + 2,048 = 2,720
        assertEquals(2_720, b.macs() - a.macs());
        // other ops 2·C·H·W + h + C: (8,192 + 17) + (4,096 + 34) + (2,048 + 68) + (1,024 + 136) = 15,615
        assertEquals(15_615, b.otherOps() - a.otherOps());
    }
}
