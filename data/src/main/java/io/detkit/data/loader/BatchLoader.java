package io.detkit.data.loader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches samples of a {@link LoadedSampleSource} with prefetching: worker threads load (decode, augment,
 * convert) the next batches while the training thread works on the current one. With zero workers
 * (PyTorch's {@code num_workers=0}) each batch is loaded in the thread that asks for it, when it asks:
 * on a machine whose cores are all busy with the engine's own threads this is the faster choice,
 * because a loader thread that preempts one of them stalls the whole parallel region it belongs to.
 *
 * <p>Determinism: the sample order of epoch {@code e} is a permutation drawn from
 * {@code seed} and {@code e} only, each sample is loaded with {@code (index, epoch)}, and batches
 * are returned strictly in order — the output does not depend on the number of workers or on
 * thread timing. Builder in DJL style: {@code BatchLoader.builder(source).setBatchSize(16)
 * .optShuffle(true).optSeed(0).optWorkers(2).optPrefetch(4).build()}.
 *
 * <p>Close the loader to stop its threads.
 */
public final class BatchLoader implements AutoCloseable {
    private final LoadedSampleSource source;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final int prefetch;
    private final ExecutorService pool;

    private BatchLoader(Builder b) {
        this.source = b.source;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.prefetch = Math.max(1, b.prefetch);
        AtomicInteger n = new AtomicInteger();
        this.pool = b.workers == 0 ? null : Executors.newFixedThreadPool(b.workers, r -> {
            Thread t = new Thread(r, "detkit-loader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param source the samples
     * @return a builder
     */
    public static Builder builder(LoadedSampleSource source) {
        return new Builder(source);
    }

    /** @return number of batches per epoch */
    public int batchesPerEpoch() {
        int n = source.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** @return the batch size */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The sample order of an epoch.
     *
     * @param epoch the epoch
     * @return sample indices in the order they are batched
     */
    public int[] order(int epoch) {
        int n = source.size();
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (shuffle) {
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    /**
     * Iterates the batches of one epoch, starting at batch {@code firstBatch} (to resume a run).
     *
     * @param epoch the epoch
     * @param firstBatch the first batch to produce
     * @return the batches in order
     */
    public Iterator<Batch> epoch(int epoch, int firstBatch) {
        int[] order = order(epoch);
        int total = batchesPerEpoch();
        return new Iterator<>() {
            private final Deque<CompletableFuture<Batch>> inFlight = new ArrayDeque<>();
            private int nextToSubmit = firstBatch;
            private int nextToReturn = firstBatch;

            private void fill() {
                while (pool != null && nextToSubmit < total && inFlight.size() < prefetch) {
                    int b = nextToSubmit++;
                    inFlight.add(CompletableFuture.supplyAsync(() -> load(order, b, epoch), pool));
                }
            }

            @Override
            public boolean hasNext() {
                return nextToReturn < total;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                if (pool == null) {
                    return load(order, nextToReturn++, epoch);
                }
                fill();
                CompletableFuture<Batch> f = inFlight.poll();
                nextToReturn++;
                fill();
                try {
                    return f.join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof DataLoadException d) {
                        throw d;
                    }
                    throw e;
                }
            }
        };
    }

    /**
     * Iterates the batches of one epoch from the start.
     *
     * @param epoch the epoch
     * @return the batches in order
     */
    public Iterator<Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    private Batch load(int[] order, int b, int epoch) {
        int from = b * batchSize, to = Math.min(order.length, from + batchSize);
        List<LoadedSample> samples = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            int index = order[i];
            try {
                samples.add(source.load(index, epoch));
            } catch (DataLoadException e) {
                throw e;
            } catch (Exception e) {
                throw new DataLoadException("sample " + index + ": " + e.getMessage(), e);
            }
        }
        return Batch.of(b, samples);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Builder for {@link BatchLoader}. */
    public static final class Builder {
        private final LoadedSampleSource source;
        private int batchSize = 16;
        private boolean shuffle = true;
        private boolean dropLast;
        private long seed;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int prefetch = 4;

        private Builder(LoadedSampleSource source) {
            this.source = source;
        }

        /**
         * @param batchSize samples per batch (≥ 1)
         * @return this builder
         */
        public Builder setBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be ≥ 1: " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * @param shuffle shuffle each epoch (default true)
         * @return this builder
         */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * @param dropLast drop a last, smaller batch (default false)
         * @return this builder
         */
        public Builder optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * @param seed shuffle seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param workers loader threads (default: number of cores); 0 loads each batch in the
         *     calling thread when it is asked for, without prefetching
         * @return this builder
         */
        public Builder optWorkers(int workers) {
            if (workers < 0) {
                throw new IllegalArgumentException("workers must be ≥ 0: " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * @param prefetch batches loaded ahead (default 4)
         * @return this builder
         */
        public Builder optPrefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** @return the loader */
        public BatchLoader build() {
            if (source.size() == 0) {
                throw new IllegalArgumentException("the dataset is empty");
            }
            return new BatchLoader(this);
        }
    }
}
