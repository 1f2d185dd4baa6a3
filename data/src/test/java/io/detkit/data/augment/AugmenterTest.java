package io.detkit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import io.detkit.data.image.OpenCvNatives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

class AugmenterTest {
    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    private static MemorySource single(Mat img, double[] boxes, int[] cls) {
        MemorySource s = new MemorySource();
        s.add(img, boxes, cls, new boolean[cls.length]);
        return s;
    }

    @Test
    void letterboxOnlyMatchesTheHandCheckedExample() throws IOException {
        Mat img = new Mat(480, 640, CvType.CV_8UC3, new Scalar(10, 20, 30));
        try (MemorySource src = single(img, new double[] {100, 100, 200, 200}, new int[] {3});
                AugmentedSample out = new Augmenter(AugmentConfig.letterboxOnly(320)).apply(1, 0, 0, src)) {
            assertArrayEquals(new double[] {50, 90, 100, 140}, out.boxes(), 1e-12);
            assertArrayEquals(new int[] {3}, out.classIds());
            assertEquals(320, out.image().rows());
            assertEquals(320, out.image().cols());
            assertEquals(CvType.CV_8UC3, out.image().type());
            assertArrayEquals(new double[] {114, 114, 114}, out.image().get(39, 10), 0);
            assertArrayEquals(new double[] {10, 20, 30}, out.image().get(40, 10), 0);
            assertArrayEquals(new double[] {10, 20, 30}, out.image().get(279, 10), 0);
            assertArrayEquals(new double[] {114, 114, 114}, out.image().get(280, 10), 0);
        }
    }

    @Test
    void identityPipelineKeepsTheBytes() throws IOException {
        // a square image of exactly the output size: letterbox-only must be a byte copy
        Mat sq = new Mat(96, 96, CvType.CV_8UC3);
        org.opencv.core.Core.randu(sq, 0, 256);
        try (MemorySource one = single(sq, new double[] {1, 2, 30, 40}, new int[] {0});
                AugmentedSample out = new Augmenter(AugmentConfig.letterboxOnly(96)).apply(9, 9, 0, one);
                DecodedSample in = one.load(0)) {
            assertArrayEquals(new AugmentedSample(in.image(), new double[0], new int[0], new boolean[0]).pixels(),
                    out.pixels());
            assertArrayEquals(new double[] {1, 2, 30, 40}, out.boxes(), 0);
        }
    }

    @Test
    void horizontalFlipMirrorsBoxesAndPixels() throws IOException {
        Mat img = new Mat(100, 100, CvType.CV_8UC3);
        org.opencv.core.Core.randu(img, 0, 256);
        Mat copy = img.clone();
        AugmentConfig cfg = AugmentConfig.letterboxOnly(100).toBuilder().optFlipProb(1).build();
        try (MemorySource src = single(img, new double[] {10, 20, 30, 40}, new int[] {1});
                AugmentedSample out = new Augmenter(cfg).apply(0, 0, 0, src)) {
            assertArrayEquals(new double[] {70, 20, 90, 40}, out.boxes(), 1e-12);
            for (int r = 0; r < 100; r += 7) {
                for (int c = 0; c < 100; c += 3) {
                    assertArrayEquals(copy.get(r, 99 - c), out.image().get(r, c), 0);
                }
            }
        } finally {
            copy.release();
        }
    }

    @Test
    void verticalFlipMirrorsBoxes() throws IOException {
        Mat img = new Mat(100, 100, CvType.CV_8UC3, new Scalar(0, 0, 0));
        AugmentConfig cfg = AugmentConfig.letterboxOnly(100).toBuilder().optFlipUdProb(1).build();
        try (MemorySource src = single(img, new double[] {10, 20, 30, 40}, new int[] {1});
                AugmentedSample out = new Augmenter(cfg).apply(0, 0, 0, src)) {
            assertArrayEquals(new double[] {10, 60, 30, 80}, out.boxes(), 1e-12);
        }
    }

    @Test
    void zeroHsvGainsAreTheIdentity() throws IOException {
        Mat img = new Mat(64, 64, CvType.CV_8UC3);
        org.opencv.core.Core.randu(img, 0, 256);
        try (MemorySource src = single(img, new double[0], new int[0])) {
            AugmentConfig cfg = AugmentConfig.letterboxOnly(64).toBuilder().optHsv(0, 0, 0).build();
            try (AugmentedSample out = new Augmenter(cfg).apply(4, 2, 0, src); DecodedSample in = src.load(0)) {
                assertArrayEquals(new AugmentedSample(in.image(), new double[0], new int[0], new boolean[0]).pixels(),
                        out.pixels());
            }
            // and non-zero gains do change a random image
            AugmentConfig hsv = AugmentConfig.letterboxOnly(64).toBuilder().optHsv(0.1, 0.7, 0.4).build();
            try (AugmentedSample out = new Augmenter(hsv).apply(4, 2, 0, src); DecodedSample in = src.load(0)) {
                assertFalse(Arrays.equals(new AugmentedSample(in.image(), new double[0], new int[0], new boolean[0]).pixels(),
                        out.pixels()));
            }
        }
    }

    @Test
    void sameSeedEpochIndexGiveIdenticalOutputAndAnotherEpochDiffers() throws IOException {
        Augmenter aug = new Augmenter(AugmentConfig.builder().setImageSize(160).optDegrees(10).optShear(2).build());
        try (MemorySource src = MemorySource.synthetic(12, 11)) {
            try (AugmentedSample a = aug.apply(7, 3, 5, src);
                    AugmentedSample b = aug.apply(7, 3, 5, src);
                    AugmentedSample c = aug.apply(7, 4, 5, src);
                    AugmentedSample d = aug.apply(8, 3, 5, src)) {
                assertArrayEquals(a.pixels(), b.pixels());
                assertArrayEquals(a.boxes(), b.boxes(), 0);
                assertArrayEquals(a.classIds(), b.classIds());
                assertFalse(Arrays.equals(a.pixels(), c.pixels()));
                assertFalse(Arrays.equals(a.pixels(), d.pixels()));
            }
        }
    }

    @Test
    void concurrentCallsGiveTheSameBytesAsSequentialOnes() throws Exception {
        Augmenter aug = new Augmenter(AugmentConfig.builder().setImageSize(128).build());
        try (MemorySource src = MemorySource.synthetic(8, 4)) {
            byte[][] sequential = new byte[16][];
            for (int i = 0; i < 16; i++) {
                try (AugmentedSample a = aug.apply(5, 1, i % 8, src)) {
                    sequential[i] = a.pixels();
                }
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
            try {
                java.util.List<java.util.concurrent.Future<byte[]>> futures = new java.util.ArrayList<>();
                for (int i = 15; i >= 0; i--) {
                    int k = i;
                    futures.add(pool.submit(() -> {
                        try (AugmentedSample a = aug.apply(5, 1, k % 8, src)) {
                            return a.pixels();
                        }
                    }));
                }
                for (int i = 0; i < 16; i++) {
                    assertArrayEquals(sequential[15 - i], futures.get(i).get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void mosaicBoxesLieInsideTheCanvasAndCoverTheirColour() throws IOException {
        AugmentConfig cfg = AugmentConfig.builder().setImageSize(320).optMosaicProb(1).optHsv(0, 0, 0)
                .optMinBoxSize(2).optMinVisibility(0.1).build();
        Augmenter aug = new Augmenter(cfg);
        int checked = 0, multiImage = 0;
        try (MemorySource src = MemorySource.synthetic(10, 21)) {
            for (int i = 0; i < 40; i++) {
                try (AugmentedSample out = aug.apply(1, 0, i % src.size(), src)) {
                    assertEquals(320, out.image().cols());
                    double[] b = out.boxes();
                    Set<Integer> distinct = new HashSet<>();
                    for (int k = 0; k < out.size(); k++) {
                        double x1 = b[4 * k], y1 = b[4 * k + 1], x2 = b[4 * k + 2], y2 = b[4 * k + 3];
                        assertTrue(x1 >= 0 && y1 >= 0 && x2 <= 320 && y2 <= 320 && x2 - x1 >= 2 && y2 - y1 >= 2,
                                "box " + Arrays.toString(Arrays.copyOfRange(b, 4 * k, 4 * k + 4)));
                        distinct.add(out.classIds()[k]);
                        // pixels strictly inside the box, one pixel away from its edges (bilinear blend)
                        int px1 = (int) Math.ceil(x1) + 1, py1 = (int) Math.ceil(y1) + 1;
                        int px2 = (int) Math.floor(x2) - 1, py2 = (int) Math.floor(y2) - 1;
                        if (px2 - px1 < 2 || py2 - py1 < 2) {
                            continue;
                        }
                        double[] col = MemorySource.COLOURS[out.classIds()[k]];
                        int match = 0, total = 0;
                        for (int y = py1; y < py2; y++) {
                            for (int x = px1; x < px2; x++) {
                                double[] p = out.image().get(y, x);
                                total++;
                                if (Math.abs(p[0] - col[0]) <= 12 && Math.abs(p[1] - col[1]) <= 12
                                        && Math.abs(p[2] - col[2]) <= 12) {
                                    match++;
                                }
                            }
                        }
                        assertTrue(match >= 0.9 * total, "box " + k + " of sample " + i + ": " + match + "/" + total
                                + " pixels have its colour");
                        checked++;
                    }
                    multiImage += distinct.size() > 1 ? 1 : 0;
                }
            }
        }
        assertTrue(checked > 60, "checked only " + checked + " boxes");
        assertTrue(multiImage > 10, "mosaics rarely mix classes: " + multiImage);
    }

    @Test
    void rotatedBoxesStayInsideAndCentresKeepTheirColour() throws IOException {
        AugmentConfig cfg = AugmentConfig.builder().setImageSize(256).optHsv(0, 0, 0).optDegrees(30).optShear(5)
                .optMinVisibility(0.5).build();
        Augmenter aug = new Augmenter(cfg);
        int checked = 0;
        try (MemorySource src = MemorySource.synthetic(8, 2)) {
            for (int i = 0; i < 24; i++) {
                try (AugmentedSample out = aug.apply(5, 1, i % 8, src)) {
                    double[] b = out.boxes();
                    for (int k = 0; k < out.size(); k++) {
                        assertTrue(b[4 * k] >= 0 && b[4 * k + 1] >= 0 && b[4 * k + 2] <= 256 && b[4 * k + 3] <= 256);
                        if (b[4 * k + 2] - b[4 * k] < 20 || b[4 * k + 3] - b[4 * k + 1] < 20 || b[4 * k] == 0
                                || b[4 * k + 1] == 0 || b[4 * k + 2] == 256 || b[4 * k + 3] == 256) {
                            continue; // the centre of a clipped box need not be on the object
                        }
                        double[] p = out.image().get((int) ((b[4 * k + 1] + b[4 * k + 3]) / 2),
                                (int) ((b[4 * k] + b[4 * k + 2]) / 2));
                        double[] col = MemorySource.COLOURS[out.classIds()[k]];
                        assertArrayEquals(col, p, 12);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 10, "checked only " + checked);
    }

    @Test
    void ignoreFlagsAndClassesFollowTheirBoxes() throws IOException {
        // two boxes; the second lies in the right half, which a left-right flip moves left
        Mat img = new Mat(100, 200, CvType.CV_8UC3, new Scalar(0, 0, 0));
        Imgproc.rectangle(img, new Point(10, 10), new Point(49, 49), new Scalar(255, 255, 255), Imgproc.FILLED);
        MemorySource src = new MemorySource();
        src.add(img, new double[] {10, 10, 50, 50, 150, 60, 190, 90}, new int[] {4, 7}, new boolean[] {false, true});
        AugmentConfig cfg = AugmentConfig.letterboxOnly(200).toBuilder().optFlipProb(1).build();
        try (src; AugmentedSample out = new Augmenter(cfg).apply(0, 0, 0, src)) {
            // letterbox pads 50 rows on top, then the flip mirrors x
            assertArrayEquals(new double[] {150, 60, 190, 100, 10, 110, 50, 140}, out.boxes(), 1e-12);
            assertArrayEquals(new int[] {4, 7}, out.classIds());
            assertArrayEquals(new boolean[] {false, true}, out.ignore());
        }
    }

    @Test
    void boxesPushedOutOfTheImageAreDropped() throws IOException {
        // zoom ×1.9 about the centre with no translation: a box near the corner leaves the output
        Mat img = new Mat(100, 100, CvType.CV_8UC3, new Scalar(0, 0, 0));
        MemorySource src = new MemorySource();
        src.add(img, new double[] {0, 0, 10, 10, 40, 40, 60, 60}, new int[] {1, 2}, new boolean[2]);
        AugmentConfig cfg = AugmentConfig.letterboxOnly(100).toBuilder().optScale(0.9).build();
        Augmenter aug = new Augmenter(cfg);
        boolean sawDrop = false;
        try (src) {
            for (int e = 0; e < 20; e++) {
                try (AugmentedSample out = aug.apply(3, e, 0, src)) {
                    assertTrue(Arrays.stream(out.classIds()).anyMatch(c -> c == 2), "the centred box always survives");
                    sawDrop |= out.size() == 1;
                }
            }
        }
        assertTrue(sawDrop, "some zoom pushes the corner box out");
    }

    @Test
    void rejectsBadSourcesAndIndices() {
        Mat grey = new Mat(10, 10, CvType.CV_8UC1);
        MemorySource src = new MemorySource();
        src.add(grey, new double[0], new int[0], new boolean[0]);
        Augmenter aug = new Augmenter(AugmentConfig.letterboxOnly(32));
        try (src) {
            assertThrows(IllegalArgumentException.class, () -> aug.apply(0, 0, 0, src));
            assertThrows(IndexOutOfBoundsException.class, () -> aug.apply(0, 0, 1, src));
        }
        assertThrows(IllegalStateException.class, () -> AugmentConfig.builder().build());
        assertThrows(IllegalArgumentException.class, () -> AugmentConfig.builder().optFlipProb(1.5));
        assertThrows(IllegalArgumentException.class, () -> AugmentConfig.builder().optScale(1));
    }
}
