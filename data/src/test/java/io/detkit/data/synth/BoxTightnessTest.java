package io.detkit.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionSample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/** Every box is the tight box of its shape's visible pixels. */
class BoxTightnessTest {
    @TempDir
    Path dir;

    @Test
    void visibleMaskLiesInsideItsBoxAndTouchesAllFourEdges() {
        SynthConfig config = SynthConfig.builder().optImages(30).optSeed(11).build();
        int objects = 0, occluded = 0;
        for (int k = 0; k < config.images(); k++) {
            try (RenderedImage img = SyntheticDataset.render(config, k, true)) {
                int w = img.width(), h = img.height();
                byte[] clean = new byte[w * h * 3];
                img.clean().get(0, 0, clean);
                List<RenderedObject> objs = img.objects();
                assertTrue(objs.size() >= 1 && objs.size() <= 8, "image " + k + ": " + objs.size() + " objects");
                for (int i = 0; i < objs.size(); i++) {
                    RenderedObject o = objs.get(i);
                    String where = "image " + k + " object " + i + " " + o;
                    assertTrue(o.x1() >= 0 && o.y1() >= 0 && o.x2() <= w && o.y2() <= h && o.x1() < o.x2() && o.y1() < o.y2(), where);
                    int count = 0;
                    boolean left = false, right = false, top = false, bottom = false;
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            if (!img.shows(i, x, y)) {
                                continue;
                            }
                            count++;
                            assertTrue(x >= o.x1() && x < o.x2() && y >= o.y1() && y < o.y2(), where + " pixel " + x + "," + y);
                            left |= x == o.x1();
                            right |= x == o.x2() - 1;
                            top |= y == o.y1();
                            bottom |= y == o.y2() - 1;
                            // the painted colour is the object's colour wherever the mask says the object shows
                            int p = 3 * (y * w + x);
                            assertEquals(o.colour(), new Bgr(clean[p] & 0xff, clean[p + 1] & 0xff, clean[p + 2] & 0xff), where);
                        }
                    }
                    assertTrue(left && right && top && bottom, where + " does not touch all four box edges");
                    assertEquals(o.visiblePixels(), count, where);
                    assertTrue(o.visiblePixels() >= config.minVisibleFraction() * o.fullPixels(), where);
                    objects++;
                    occluded += o.visiblePixels() < o.fullPixels() ? 1 : 0;
                }
            }
        }
        assertTrue(objects > 80, "objects " + objects);
        assertTrue(occluded > 5, "the set has partial occlusions, got " + occluded);
    }

    /**
     * End to end through the files: one shape on a flat background without noise, written as PNG;
     * the box must equal the bounding rectangle of the decoded non-background pixels.
     */
    @Test
    void singleShapeBoxEqualsBoundingRectOfDecodedNonBackgroundPixels() throws IOException {
        SynthConfig config = SynthConfig.builder().optImages(48).optImageSize(160).optSeed(5).optValFraction(0).optMinObjects(1).optMaxObjects(1)
                .optTexturedBackground(false).optMaxNoiseSigma(0).optImageFormat(ImageFormat.PNG).optWriteCoco(false).build();
        List<DetectionSample> samples = SyntheticDataset.generate(config, dir).train().samples();
        int[] perClass = new int[ShapeClass.values().length];
        for (DetectionSample s : samples) {
            assertEquals(1, s.size(), s.imagePath().toString());
            Mat m = Imgcodecs.imread(s.imagePath().toString());
            try {
                int w = m.cols(), h = m.rows();
                byte[] px = new byte[w * h * 3];
                m.get(0, 0, px);
                int x1 = w, y1 = h, x2 = -1, y2 = -1;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int p = 3 * (y * w + x);
                        // (0, 0) is background: shapes keep a margin from the image border
                        if (px[p] != px[0] || px[p + 1] != px[1] || px[p + 2] != px[2]) {
                            x1 = Math.min(x1, x);
                            y1 = Math.min(y1, y);
                            x2 = Math.max(x2, x + 1);
                            y2 = Math.max(y2, y + 1);
                        }
                    }
                }
                double[] b = s.boxes();
                assertEquals(List.of((double) x1, (double) y1, (double) x2, (double) y2), List.of(b[0], b[1], b[2], b[3]),
                        s.imagePath() + " class " + ShapeClass.values()[s.classIds()[0]]);
                perClass[s.classIds()[0]]++;
            } finally {
                m.release();
            }
        }
        for (ShapeClass c : ShapeClass.values()) {
            assertTrue(perClass[c.ordinal()] >= 3, c + " seen " + perClass[c.ordinal()] + " times");
        }
    }
}
