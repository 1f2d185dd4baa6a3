package io.detkit.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {
    /** Sample i is a 2×2 image filled with i/100 and i % 3 boxes [i, i, i+1, i+1] of class i. */
    static class Fake implements LoadedSampleSource {
        final int n;

        Fake(int n) {
            this.n = n;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public LoadedSample load(int index, int epoch) throws Exception {
            if (index == 13) {
                throw new java.io.IOException("cannot decode x.jpg");
            }
            float[] px = new float[3 * 2 * 2];
            Arrays.fill(px, index / 100f + epoch);
            int k = index % 3;
            float[] boxes = new float[4 * k];
            int[] cls = new int[k];
            for (int j = 0; j < k; j++) {
                boxes[4 * j] = index;
                boxes[4 * j + 1] = index;
                boxes[4 * j + 2] = index + 1;
                boxes[4 * j + 3] = index + 1;
                cls[j] = index;
            }
            return new LoadedSample(px, 2, 2, boxes, cls, new boolean[k], index, null);
        }
    }

    private static List<Batch> all(BatchLoader l, int epoch) {
        List<Batch> out = new ArrayList<>();
        l.epoch(epoch).forEachRemaining(out::add);
        return out;
    }

    @Test
    void padsTargetsAndKeepsOrderIndependentOfWorkers() {
        try (BatchLoader one = BatchLoader.builder(new Fake(10)).setBatchSize(4).optSeed(3).optWorkers(1).build();
                BatchLoader three = BatchLoader.builder(new Fake(10)).setBatchSize(4).optSeed(3).optWorkers(3).optPrefetch(2).build();
                BatchLoader inline = BatchLoader.builder(new Fake(10)).setBatchSize(4).optSeed(3).optWorkers(0).build()) {
            List<Batch> a = all(one, 0), b = all(three, 0), c = all(inline, 0);
            assertEquals(3, a.size()); // 10 samples, batch 4 -> 4 + 4 + 2
            assertEquals(2, a.get(2).size());
            assertEquals(3, c.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).images(), b.get(i).images());
                assertArrayEquals(a.get(i).boxes(), b.get(i).boxes());
                assertArrayEquals(a.get(i).counts(), b.get(i).counts());
                assertArrayEquals(a.get(i).images(), c.get(i).images()); // workers 0: loaded in this thread, same batches
                assertArrayEquals(a.get(i).boxes(), c.get(i).boxes());
            }
            // every sample exactly once per epoch
            int[] seen = a.stream().flatMap(x -> x.samples().stream()).mapToInt(s -> (int) s.imageId()).sorted().toArray();
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, seen);
            // padding: M = max count in the batch; padded classes are -1
            Batch x = a.get(0);
            int m = x.maxBoxes();
            assertEquals(Arrays.stream(x.counts()).max().getAsInt() == 0 ? 1 : Arrays.stream(x.counts()).max().getAsInt(), m);
            for (int i = 0; i < x.size(); i++) {
                long id = x.samples().get(i).imageId();
                assertEquals(id % 3, x.counts()[i]);
                for (int j = 0; j < m; j++) {
                    assertEquals(j < x.counts()[i] ? id : -1, x.classes()[i * m + j], 0);
                }
                assertEquals(id / 100f, x.images()[i * 12], 0);
            }
        }
    }

    @Test
    void shuffleDependsOnSeedAndEpochOnly() {
        try (BatchLoader l = BatchLoader.builder(new Fake(50)).setBatchSize(5).optSeed(1).build();
                BatchLoader same = BatchLoader.builder(new Fake(50)).setBatchSize(5).optSeed(1).build();
                BatchLoader plain = BatchLoader.builder(new Fake(50)).setBatchSize(5).optShuffle(false).build()) {
            assertArrayEquals(l.order(2), same.order(2));
            assertFalse(Arrays.equals(l.order(1), l.order(2)));
            int[] sorted = l.order(1).clone();
            Arrays.sort(sorted);
            assertArrayEquals(plain.order(7), sorted);
            assertNotEquals(plain.order(0)[0] + 1, 0);
        }
    }

    @Test
    void resumeStartsAtTheRequestedBatch() {
        try (BatchLoader l = BatchLoader.builder(new Fake(12)).setBatchSize(3).optSeed(9).build()) {
            List<Batch> full = all(l, 4);
            Iterator<Batch> it = l.epoch(4, 2);
            Batch b = it.next();
            assertEquals(2, b.index());
            assertArrayEquals(full.get(2).images(), b.images());
        }
    }

    @Test
    void zeroWorkersLoadsInTheCallingThreadAndNegativeIsRejected() {
        Thread caller = Thread.currentThread();
        List<Thread> loadedBy = new java.util.ArrayList<>();
        Fake recording = new Fake(6) {
            @Override
            public LoadedSample load(int index, int epoch) throws Exception {
                loadedBy.add(Thread.currentThread());
                return super.load(index, epoch);
            }
        };
        try (BatchLoader l = BatchLoader.builder(recording).setBatchSize(2).optWorkers(0).build()) {
            Iterator<Batch> it = l.epoch(0);
            it.next();
            assertEquals(2, loadedBy.size(), "no prefetching: only the batch asked for is loaded");
            it.next();
            it.next();
            assertFalse(it.hasNext());
            assertEquals(6, loadedBy.size());
            assertTrue(loadedBy.stream().allMatch(t -> t == caller));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchLoader.builder(new Fake(6)).optWorkers(-1));
        assertTrue(e.getMessage().contains("workers must be ≥ 0"), e.getMessage());
    }

    @Test
    void loadFailureNamesTheSample() {
        try (BatchLoader l = BatchLoader.builder(new Fake(20)).setBatchSize(4).optShuffle(false).build()) {
            Iterator<Batch> it = l.epoch(0);
            it.next();
            it.next();
            it.next(); // samples 8..11
            DataLoadException e = assertThrows(DataLoadException.class, it::next); // 12..15 holds 13
            assertTrue(e.getMessage().contains("sample 13: cannot decode x.jpg"), e.getMessage());
        }
    }
}
