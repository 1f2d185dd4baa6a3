package io.detkit.metrics.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PredictionMatcherTest {
    private static final double[] T50 = {0.5};

    @Test
    void groundTruthClaimedTwiceGoesToTheLowestDetectionIndexNotTheHighestIou() {
        // g = (0,0,10,10); d0 = (0,0,10,6) IoU 60/100 = 0.6; d1 = (0,0,10,9) IoU 0.9
        // each detection's best is g; g goes to d0 (first in score order) although d1 overlaps more
        boolean[] c = PredictionMatcher.match(new double[] {0, 0, 10, 10}, new int[] {0},
                new double[] {0, 0, 10, 6, 0, 0, 10, 9}, new int[] {0, 0}, T50);
        assertArrayEquals(new boolean[] {true, false}, c);
    }

    @Test
    void noFallBackToASecondGroundTruth() {
        // g0 = (0,0,10,10), g1 = (3,0,13,10)
        // d0 = (0,0,10,10): IoU g0 = 1,               g1 = 70/130 = .54
        // d1 = (1,0,11,10): IoU g0 = 90/110 = .82 (best), g1 = 80/120 = .67
        // both pick g0; g0 → d0; d1 is a false positive although g1 is free and IoU .67 ≥ .5
        boolean[] c = PredictionMatcher.match(new double[] {0, 0, 10, 10, 3, 0, 13, 10}, new int[] {0, 0},
                new double[] {0, 0, 10, 10, 1, 0, 11, 10}, new int[] {0, 0}, T50);
        assertArrayEquals(new boolean[] {true, false}, c);
    }

    @Test
    void eachThresholdIsMatchedSeparately() {
        // IoU 62/100 = 0.62: true positive at 0.5, 0.55, 0.6; false positive from 0.65 on
        boolean[] c = PredictionMatcher.match(new double[] {0, 0, 10, 10}, new int[] {0},
                new double[] {0, 0, 10, 6.2}, new int[] {0}, CurveEvaluator.defaultIouThresholds());
        assertArrayEquals(new boolean[] {true, true, true, false, false, false, false, false, false, false}, c);
    }

    @Test
    void classesMustAgree() {
        boolean[] c = PredictionMatcher.match(new double[] {0, 0, 10, 10}, new int[] {1},
                new double[] {0, 0, 10, 10, 0, 0, 10, 10}, new int[] {0, 1}, T50);
        assertArrayEquals(new boolean[] {false, true}, c);
    }

    @Test
    void emptyInputsAndBadArguments() {
        assertArrayEquals(new boolean[] {false}, PredictionMatcher.match(new double[0], new int[0],
                new double[] {0, 0, 1, 1}, new int[] {0}, T50));
        assertArrayEquals(new boolean[0], PredictionMatcher.match(new double[] {0, 0, 1, 1}, new int[] {0},
                new double[0], new int[0], T50));
        assertThrows(IllegalArgumentException.class, () -> PredictionMatcher.match(new double[] {0, 0, 1},
                new int[] {0}, new double[0], new int[0], T50));
        assertThrows(IllegalArgumentException.class, () -> PredictionMatcher.match(new double[0], new int[0],
                new double[0], new int[0], new double[] {0}));
    }
}
