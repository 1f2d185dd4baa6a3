package io.detkit.metrics.voc;

import io.detkit.metrics.util.DoubleList;
import io.detkit.metrics.util.IntList;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@link VocEvaluator} keeps for one class: flat primitive arrays of ground-truth and
 * detection boxes (xyxy, 4 numbers each). The ground truths of one image are contiguous, so an
 * image maps to a {@code [start, start + count)} range.
 */
final class ClassData {
    final DoubleList gtBoxes = new DoubleList();
    final IntList gtDifficult = new IntList();
    final Map<Integer, int[]> gtRangeByImage = new HashMap<>();
    final DoubleList detBoxes = new DoubleList();
    final DoubleList detScores = new DoubleList();
    final IntList detImage = new IntList();

    int gtCount() {
        return gtDifficult.size();
    }

    int npos() {
        int n = 0;
        for (int i = 0; i < gtDifficult.size(); i++) {
            n += gtDifficult.get(i) == 0 ? 1 : 0;
        }
        return n;
    }
}
