package io.detkit.data.augment;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A {@link SampleSource} that keeps decoded images, already resized to the augmenter's long side,
 * as pixel arrays on the Java heap until a byte budget is used up (Ultralytics' {@code cache=ram}).
 * Images are added in the order they are first loaded and never evicted, so a sequential epoch
 * cannot thrash the cache. The augmenter produces the same bytes with or without it, because the
 * resize it saves is the one the augmenter would do.
 */
final class CachedSampleSource implements SampleSource {
    private final SampleSource source;
    private final int longSide;
    private final long maxBytes;
    private final ConcurrentHashMap<Integer, Entry> cache = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();

    private record Entry(byte[] pixels, int width, int height, double[] boxes, int[] classIds, boolean[] ignore) {
        long bytes() {
            return pixels.length + 8L * boxes.length + 5L * classIds.length + 64;
        }
    }

    CachedSampleSource(SampleSource source, int longSide, long maxBytes) {
        this.source = source;
        this.longSide = longSide;
        this.maxBytes = maxBytes;
    }

    @Override
    public int size() {
        return source.size();
    }

    /** @return bytes held by the cache */
    long usedBytes() {
        return used.get();
    }

    /** @return number of cached images */
    int cachedCount() {
        return cache.size();
    }

    @Override
    public DecodedSample load(int index) throws IOException {
        Entry e = cache.get(index);
        if (e != null) {
            Mat m = new Mat(e.height(), e.width(), CvType.CV_8UC3);
            m.put(0, 0, e.pixels());
            return new DecodedSample(m, e.boxes().clone(), e.classIds().clone(), e.ignore().clone());
        }
        DecodedSample d = source.load(index);
        Mat resized;
        try {
            Augmenter.checkImage(d, index);
            resized = Augmenter.resizeToLongSide(d.image(), longSide);
        } catch (RuntimeException | Error ex) {
            d.close();
            throw ex;
        }
        double sx = resized.cols() / (double) d.image().cols(), sy = resized.rows() / (double) d.image().rows();
        double[] b = d.boxes().clone();
        for (int i = 0; i < b.length; i += 2) {
            b[i] *= sx;
            b[i + 1] *= sy;
        }
        DecodedSample out = new DecodedSample(resized, b, d.classIds(), d.ignore());
        if (resized != d.image()) {
            d.close();
        }
        if (used.get() < maxBytes) {
            byte[] px = new byte[(int) (resized.total() * 3)];
            Mat cont = resized.isContinuous() ? resized : resized.clone();
            cont.get(0, 0, px);
            if (cont != resized) {
                cont.release();
            }
            Entry entry = new Entry(px, resized.cols(), resized.rows(), b.clone(), d.classIds().clone(), d.ignore().clone());
            long need = entry.bytes();
            if (used.addAndGet(need) <= maxBytes) {
                if (cache.putIfAbsent(index, entry) != null) {
                    used.addAndGet(-need);
                }
            } else {
                used.addAndGet(-need);
            }
        }
        return out;
    }
}
