package io.detkit.metrics.nms;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Greedy (and DIoU) NMS of one group of boxes already in processing order. Four interchangeable
 * paths that return identical results:
 *
 * <ul>
 *   <li>{@link Path#PLAIN}: each candidate against every kept box, O(n·k); used for thresholds ≤ 0.
 *   <li>{@link Path#GRID}: each candidate only against the kept boxes that {@link KeptGrid} finds.
 *   <li>{@link Path#ADAPTIVE}: the plain loop while few boxes are kept (cheapest when boxes pile up
 *       in a few clusters), switching to the grid, seeded with the boxes kept so far, once more than
 *       {@link #SWITCH_KEPT} are kept (sparse boxes, where most survive).
 *   <li>{@link Path#GRID_PARALLEL}: candidates go in blocks; first, in parallel, every candidate of
 *       the block is checked against the boxes kept before the block (the grid is read-only then);
 *       second, in order, the survivors are checked against the boxes kept earlier in the same block
 *       and inserted. Candidate j is kept iff no kept box before it suppresses it, exactly as in
 *       the sequential loop.
 * </ul>
 */
final class GreedyNms {
    /** Path choice; {@link #AUTO} picks by size and threshold. */
    enum Path { AUTO, PLAIN, GRID, ADAPTIVE, GRID_PARALLEL }

    /** {@link Path#ADAPTIVE} switches from the plain loop to the grid when more are kept. */
    static final int SWITCH_KEPT = 32;
    /** Groups at least this large use both phases in parallel (if there are several cores). */
    static final int PARALLEL_MIN = 32_768;
    /** Candidates per block on the parallel path. */
    static final int BLOCK = 2048;

    private GreedyNms() {}

    /**
     * Runs greedy NMS.
     *
     * @param s the boxes, in processing order
     * @param rule the suppression test
     * @param maxKeep stop after keeping this many
     * @param path which path (results are identical)
     * @param mayFork whether the parallel path may be chosen by {@link Path#AUTO}
     * @return kept positions in {@code s}, ascending
     */
    static int[] run(SortedBoxes s, Suppression rule, int maxKeep, Path path, boolean mayFork) {
        int cap = Math.min(s.size, maxKeep);
        if (cap == 0) {
            return new int[0];
        }
        if (path == Path.AUTO) {
            path = choose(s.size, rule.threshold, mayFork);
        }
        if (!(rule.threshold > 0)) {
            path = Path.PLAIN; // with t ≤ 0 disjoint boxes can suppress: the grid does not apply
        }
        return switch (path) {
            case PLAIN -> plain(s, rule, cap);
            case GRID -> grid(s, rule, cap, null, 0, 0);
            case ADAPTIVE -> adaptive(s, rule, cap);
            case GRID_PARALLEL -> gridParallel(s, rule, cap);
            default -> throw new AssertionError(path);
        };
    }

    static Path choose(int size, double threshold, boolean mayFork) {
        if (!(threshold > 0)) {
            return Path.PLAIN;
        }
        if (mayFork && size >= PARALLEL_MIN && Runtime.getRuntime().availableProcessors() > 1) {
            return Path.GRID_PARALLEL;
        }
        return Path.ADAPTIVE;
    }

    /** The plain loop until {@link #SWITCH_KEPT} boxes are kept, then the grid. */
    private static int[] adaptive(SortedBoxes s, Suppression rule, int cap) {
        double[] box = s.xyxy, area = s.area;
        int limit = Math.min(cap, SWITCH_KEPT);
        double[] keptBox = new double[4 * limit];
        double[] keptArea = new double[limit];
        int[] kept = new int[limit];
        int k = 0;
        int p = 0;
        candidates:
        for (; p < s.size && k < limit; p++) {
            int o = 4 * p;
            double a = area[p];
            for (int j = 0; j < k; j++) {
                if (rule.suppresses(keptBox, 4 * j, keptArea[j], box, o, a)) {
                    continue candidates;
                }
            }
            System.arraycopy(box, o, keptBox, 4 * k, 4);
            keptArea[k] = a;
            kept[k++] = p;
        }
        if (k == cap || p == s.size) {
            return Arrays.copyOf(kept, k);
        }
        return grid(s, rule, cap, kept, k, p);
    }

    private static int[] plain(SortedBoxes s, Suppression rule, int cap) {
        double[] box = s.xyxy, area = s.area;
        double[] keptBox = new double[4 * cap];
        double[] keptArea = new double[cap];
        int[] kept = new int[cap];
        int k = 0;
        candidates:
        for (int p = 0; p < s.size; p++) {
            int o = 4 * p;
            double a = area[p];
            for (int j = 0; j < k; j++) {
                if (rule.suppresses(keptBox, 4 * j, keptArea[j], box, o, a)) {
                    continue candidates;
                }
            }
            System.arraycopy(box, o, keptBox, 4 * k, 4);
            keptArea[k] = a;
            kept[k++] = p;
            if (k == cap) {
                break;
            }
        }
        return Arrays.copyOf(kept, k);
    }

    /**
     * The grid loop from position {@code from} on, given the first {@code k0} kept positions
     * ({@code seed}, ascending, all before {@code from}; null when {@code k0 == 0}).
     */
    private static int[] grid(SortedBoxes s, Suppression rule, int cap, int[] seed, int k0, int from) {
        KeptGrid grid = new KeptGrid(s, rule);
        int[] cellOf = grid.cellOf;
        int[] kept = new int[cap];
        int k = 0;
        for (; k < k0; k++) {
            int p = seed[k];
            kept[k] = p;
            if (cellOf[p] >= 0) {
                grid.insert(p, k);
            }
        }
        for (int p = from; p < s.size; p++) {
            if (cellOf[p] >= 0) {
                if (grid.suppressed(p)) {
                    continue;
                }
                grid.insert(p, k);
            }
            kept[k++] = p;
            if (k == cap) {
                break;
            }
        }
        return Arrays.copyOf(kept, k);
    }

    private static int[] gridParallel(SortedBoxes s, Suppression rule, int cap) {
        KeptGrid grid = new KeptGrid(s, rule);
        int[] cellOf = grid.cellOf;
        int[] kept = new int[cap];
        boolean[] byEarlier = new boolean[BLOCK];
        int chunks = 4 * Runtime.getRuntime().availableProcessors();
        int k = 0;
        for (int b0 = 0; b0 < s.size && k < cap; b0 += BLOCK) {
            int b1 = Math.min(s.size, b0 + BLOCK);
            checkBlock(grid, b0, b1, byEarlier, chunks);
            int since = k;
            for (int p = b0; p < b1; p++) {
                if (byEarlier[p - b0]) {
                    continue;
                }
                if (cellOf[p] >= 0) {
                    if (grid.suppressed(p, since)) {
                        continue;
                    }
                    grid.insert(p, k);
                }
                kept[k++] = p;
                if (k == cap) {
                    break;
                }
            }
        }
        return Arrays.copyOf(kept, k);
    }

    /** Phase one: flags[p − b0] = suppressed by a box kept before the block; in parallel. */
    private static void checkBlock(KeptGrid grid, int b0, int b1, boolean[] flags, int chunks) {
        int len = b1 - b0;
        int[] cellOf = grid.cellOf;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int lo = b0 + (int) ((long) len * c / chunks), hi = b0 + (int) ((long) len * (c + 1) / chunks);
            for (int p = lo; p < hi; p++) {
                flags[p - b0] = cellOf[p] >= 0 && grid.suppressed(p);
            }
        });
    }
}
