package io.detkit.metrics.nms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreOrderTest {
    @Test
    void sortsDescendingAndKeepsTiesInInputOrder() {
        double[] s = {0.5, 0.9, 0.5, -1, 0.9, Double.POSITIVE_INFINITY, -0.0, 0.0, Double.NEGATIVE_INFINITY};
        int[] ids = {0, 1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new int[] {5, 1, 4, 0, 2, 6, 7, 3, 8}, ScoreOrder.descending(s, ids));
    }

    @Test
    void sortsOnlyTheGivenIds() {
        double[] s = {0.1, 0.2, 0.3, 0.4};
        assertArrayEquals(new int[] {3, 1}, ScoreOrder.descending(s, new int[] {1, 3}));
    }

    @Test
    void matchesAStableComparatorSortOnRandomInputs() {
        Random rnd = new Random(5);
        for (int n : new int[] {0, 1, 2, 63, 64, 65, 100, 1000, 20_000}) {
            for (int variant = 0; variant < 4; variant++) {
                double[] s = new double[n];
                for (int i = 0; i < n; i++) {
                    s[i] = switch (variant) {
                        case 0 -> rnd.nextDouble();
                        case 1 -> rnd.nextInt(7) / 7.0; // many ties
                        case 2 -> (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(40) - 20); // signs, magnitudes
                        default -> 0.25; // all equal
                    };
                }
                int[] ids = new int[n];
                Arrays.setAll(ids, i -> i);
                Integer[] expected = Arrays.stream(ids).boxed().toArray(Integer[]::new);
                Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
                assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(),
                        ScoreOrder.descending(s, ids), "n=" + n + " variant=" + variant);
            }
        }
    }
}
