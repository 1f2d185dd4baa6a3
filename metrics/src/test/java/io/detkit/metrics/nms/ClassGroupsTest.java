package io.detkit.metrics.nms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassGroupsTest {
    @Test
    void compactIdsGroupByClassAscendingKeepingOrder() {
        int[] classes = {5, 3, 5, 4, 3};
        int[] order = {4, 0, 2, 1, 3};
        // class 3: ids 4, 1 (in order); class 4: id 3; class 5: ids 0, 2
        assertArrayEquals(new int[][] {{4, 1}, {3}, {0, 2}}, ClassGroups.split(order, classes));
    }

    @Test
    void widelySpreadIdsUseTheSortingPath() {
        int[] classes = {Integer.MAX_VALUE, Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 0};
        int[] order = {3, 2, 1, 0, 4};
        assertArrayEquals(new int[][] {{1}, {2, 4}, {3, 0}}, ClassGroups.split(order, classes));
    }

    @Test
    void onlyIdsInTheOrderCount() {
        int[] classes = {1, 2, 3};
        assertArrayEquals(new int[][] {{2}}, ClassGroups.split(new int[] {2}, classes));
        assertEquals(0, ClassGroups.split(new int[0], classes).length);
    }
}
