package io.detkit.metrics.coco;

import static io.detkit.metrics.coco.CocoEvaluator.FP;
import static io.detkit.metrics.coco.CocoEvaluator.IGNORED;
import static io.detkit.metrics.coco.CocoEvaluator.TP;

import io.detkit.metrics.util.StableSort;
import java.util.Arrays;

/**
 * pycocotools' {@code evaluateImg} over every image of one category slot, then {@code accumulate}
 * for that slot. Slots are independent, so they run in parallel and write disjoint cells.
 */
final class CategoryEvaluator {
    private static final double EPS = Math.ulp(1.0); // np.spacing(1) = 2^-52

    /** Inputs and outputs shared by all slots. */
    static final class Shared {
        final CocoGroundTruth gt;
        final CocoDetections dets;
        final CocoEvaluator.Groups gtGroups;
        final CocoEvaluator.Groups dtGroups;
        final int nImg;
        final int nK;
        final int nT;
        final int nR;
        final int nA;
        final int nM;
        final double[] iouThr;
        final double[] recThr;
        final int[] maxDets;
        final double[] areaLo;
        final double[] areaHi;
        final double[] precision;
        final double[] scores;
        final double[] recall;
        final int[] gtCounts;
        final int[] dtCounts;

        Shared(CocoGroundTruth gt, CocoDetections dets, CocoParams p, CocoEvaluator.Groups gtGroups,
                CocoEvaluator.Groups dtGroups, int nImg, int nK, double[] precision, double[] scores, double[] recall,
                int[] gtCounts, int[] dtCounts) {
            this.gt = gt;
            this.dets = dets;
            this.gtGroups = gtGroups;
            this.dtGroups = dtGroups;
            this.nImg = nImg;
            this.nK = nK;
            this.iouThr = p.iouThresholds();
            this.recThr = p.recallThresholds();
            this.maxDets = p.maxDets();
            double[][] ar = p.areaRanges();
            this.areaLo = new double[ar.length];
            this.areaHi = new double[ar.length];
            for (int a = 0; a < ar.length; a++) {
                areaLo[a] = ar[a][0];
                areaHi[a] = ar[a][1];
            }
            this.nT = iouThr.length;
            this.nR = recThr.length;
            this.nA = ar.length;
            this.nM = maxDets.length;
            this.precision = precision;
            this.scores = scores;
            this.recall = recall;
            this.gtCounts = gtCounts;
            this.dtCounts = dtCounts;
        }
    }

    private final Shared s;
    private final int k;

    CategoryEvaluator(Shared s, int k) {
        this.s = s;
        this.k = k;
    }

    void run() {
        int nImg = s.nImg, nT = s.nT, nA = s.nA;
        int maxDetLast = s.maxDets[s.nM - 1];
        int[] gtStart = s.gtGroups.start, dtStart = s.dtGroups.start;

        // images with any GT or detection (pycocotools' non-None evalImgs), and their det counts
        int nE = 0;
        int total = 0;
        int gtTotal = 0;
        int dtTotal = 0;
        int[] evalImgs = new int[nImg];
        for (int i = 0; i < nImg; i++) {
            int g = k * nImg + i;
            int nG = gtStart[g + 1] - gtStart[g];
            int nD = dtStart[g + 1] - dtStart[g];
            gtTotal += nG;
            dtTotal += nD;
            if (nG == 0 && nD == 0) {
                continue;
            }
            evalImgs[nE++] = i;
            total += Math.min(nD, maxDetLast);
        }
        s.gtCounts[k] = gtTotal;
        s.dtCounts[k] = dtTotal;
        if (nE == 0) {
            return;
        }

        // per evaluated image: [detStart, detEnd) in the flat per-category arrays
        int[] eStart = new int[nE + 1];
        double[] dtScore = new double[total];
        byte[] state = new byte[nA * nT * total]; // [a][t][pos]
        int[] npig = new int[nA];

        double[] gtBox = new double[0];
        double[] dtBox = new double[0];
        double[] ious = new double[0];
        int pos = 0;
        for (int e = 0; e < nE; e++) {
            int g = k * nImg + evalImgs[e];
            int g0 = gtStart[g], nG = gtStart[g + 1] - g0;
            int d0 = dtStart[g], nDall = dtStart[g + 1] - d0;
            eStart[e] = pos;

            // detections of the image sorted by score (stable), cut to the largest maxDets
            double[] sc = new double[nDall];
            for (int j = 0; j < nDall; j++) {
                sc[j] = s.dets.scores[s.dtGroups.order[d0 + j]];
            }
            int[] ord = StableSort.descending(sc);
            int nD = Math.min(nDall, maxDetLast);
            if (dtBox.length < 4 * nD) {
                dtBox = new double[4 * Math.max(nD, 16)];
            }
            double[] dtArea = new double[nD];
            for (int j = 0; j < nD; j++) {
                int src = s.dtGroups.order[d0 + ord[j]];
                System.arraycopy(s.dets.boxes, 4 * src, dtBox, 4 * j, 4);
                dtArea[j] = dtBox[4 * j + 2] * dtBox[4 * j + 3];
                dtScore[pos + j] = sc[ord[j]];
            }

            // ground truth of the image in file order
            if (gtBox.length < 4 * nG) {
                gtBox = new double[4 * Math.max(nG, 16)];
            }
            long[] gtId = new long[nG];
            boolean[] crowd = new boolean[nG];
            double[] gtArea = new double[nG];
            for (int j = 0; j < nG; j++) {
                int src = s.gtGroups.order[g0 + j];
                System.arraycopy(s.gt.annBoxes, 4 * src, gtBox, 4 * j, 4);
                gtId[j] = s.gt.annIds[src];
                crowd[j] = s.gt.annCrowd[src];
                gtArea[j] = s.gt.annAreas[src];
            }

            // IoU D×G as maskApi.c's bbIou
            if (ious.length < nD * nG) {
                ious = new double[Math.max(nD * nG, 64)];
            }
            computeIous(dtBox, nD, gtBox, nG, crowd, ious);

            for (int a = 0; a < nA; a++) {
                matchImage(a, nD, nG, dtArea, gtArea, gtId, crowd, ious, state, pos, total, npig);
            }
            pos += nD;
        }
        eStart[nE] = pos;

        accumulate(nE, eStart, dtScore, state, total, npig);
    }

    static void computeIous(double[] d, int nD, double[] g, int nG, boolean[] crowd, double[] out) {
        for (int j = 0; j < nG; j++) {
            double gx = g[4 * j], gy = g[4 * j + 1], gw = g[4 * j + 2], gh = g[4 * j + 3];
            double ga = gw * gh;
            double gx2 = gx + gw, gy2 = gy + gh;
            boolean c = crowd[j];
            for (int i = 0; i < nD; i++) {
                double dx = d[4 * i], dy = d[4 * i + 1], dw = d[4 * i + 2], dh = d[4 * i + 3];
                double o = 0;
                double w = Math.min(dx + dw, gx2) - Math.max(dx, gx);
                if (w > 0) {
                    double h = Math.min(dy + dh, gy2) - Math.max(dy, gy);
                    if (h > 0) {
                        double da = dw * dh;
                        double inter = w * h;
                        double u = c ? da : da + ga - inter;
                        o = inter / u;
                    }
                }
                out[i * nG + j] = o;
            }
        }
    }

    private void matchImage(int a, int nD, int nG, double[] dtArea, double[] gtArea, long[] gtId, boolean[] crowd,
            double[] ious, byte[] state, int pos, int total, int[] npig) {
        double lo = s.areaLo[a], hi = s.areaHi[a];
        // GT order: not-ignored first, stable
        int[] gOrder = new int[nG];
        boolean[] gIg = new boolean[nG];
        int w = 0;
        for (int j = 0; j < nG; j++) {
            boolean ig = crowd[j] || gtArea[j] < lo || gtArea[j] > hi;
            if (!ig) {
                gOrder[w] = j;
                gIg[w] = false;
                w++;
            }
        }
        int nRegular = w;
        for (int j = 0; j < nG; j++) {
            boolean ig = crowd[j] || gtArea[j] < lo || gtArea[j] > hi;
            if (ig) {
                gOrder[w] = j;
                gIg[w] = true;
                w++;
            }
        }
        npig[a] += nRegular;
        boolean[] taken = new boolean[nG];
        for (int t = 0; t < s.nT; t++) {
            int base = (a * s.nT + t) * total + pos;
            double thr = Math.min(s.iouThr[t], 1 - 1e-10);
            Arrays.fill(taken, false);
            for (int d = 0; d < nD; d++) {
                double iou = thr;
                int m = -1;
                int row = d * nG;
                for (int gi = 0; gi < nG; gi++) {
                    int gj = gOrder[gi];
                    if (taken[gi] && !crowd[gj]) {
                        continue;
                    }
                    if (m > -1 && !gIg[m] && gIg[gi]) {
                        break;
                    }
                    double v = ious[row + gj];
                    if (v < iou) {
                        continue;
                    }
                    iou = v;
                    m = gi;
                }
                boolean areaOut = dtArea[d] < lo || dtArea[d] > hi;
                byte st;
                if (m == -1) {
                    st = areaOut ? IGNORED : FP;
                } else {
                    taken[m] = true;
                    if (gtId[gOrder[m]] != 0) {
                        st = gIg[m] ? IGNORED : TP;
                    } else {
                        // pycocotools stores the GT id as the match; id 0 reads as "no match"
                        st = (gIg[m] || areaOut) ? IGNORED : FP;
                    }
                }
                state[base + d] = st;
            }
        }
    }

    private void accumulate(int nE, int[] eStart, double[] dtScore, byte[] state, int total, int[] npig) {
        int nT = s.nT, nR = s.nR, nA = s.nA, nM = s.nM, nK = s.nK;
        double[] recThr = s.recThr;
        for (int m = 0; m < nM; m++) {
            int maxDet = s.maxDets[m];
            // concatenate the first maxDet detections of each image, in image order
            int n = 0;
            for (int e = 0; e < nE; e++) {
                n += Math.min(maxDet, eStart[e + 1] - eStart[e]);
            }
            int[] sel = new int[n];
            double[] keys = new double[n];
            int w = 0;
            for (int e = 0; e < nE; e++) {
                int end = Math.min(eStart[e + 1], eStart[e] + maxDet);
                for (int p = eStart[e]; p < end; p++) {
                    sel[w] = p;
                    keys[w] = dtScore[p];
                    w++;
                }
            }
            int[] ord = StableSort.descending(keys);
            int[] sorted = new int[n];
            double[] sortedScores = new double[n];
            for (int j = 0; j < n; j++) {
                sorted[j] = sel[ord[j]];
                sortedScores[j] = keys[ord[j]];
            }
            double[] rc = new double[n];
            double[] pr = new double[n];
            for (int a = 0; a < nA; a++) {
                int np = npig[a];
                if (np == 0) {
                    continue;
                }
                for (int t = 0; t < nT; t++) {
                    int base = (a * nT + t) * total;
                    double tp = 0, fp = 0;
                    for (int j = 0; j < n; j++) {
                        byte st = state[base + sorted[j]];
                        if (st == TP) {
                            tp += 1;
                        } else if (st == FP) {
                            fp += 1;
                        }
                        rc[j] = tp / np;
                        pr[j] = tp / (fp + tp + EPS);
                    }
                    s.recall[((t * nK + k) * nA + a) * nM + m] = n > 0 ? rc[n - 1] : 0;
                    for (int j = n - 1; j > 0; j--) {
                        if (pr[j] > pr[j - 1]) {
                            pr[j - 1] = pr[j];
                        }
                    }
                    int j = 0;
                    for (int r = 0; r < nR; r++) {
                        // np.searchsorted(rc, recThr, side='left'): first j with rc[j] >= thr
                        double thr = recThr[r];
                        while (j < n && rc[j] < thr) {
                            j++;
                        }
                        int cell = (((t * nR + r) * nK + k) * nA + a) * nM + m;
                        if (j < n) {
                            s.precision[cell] = pr[j];
                            s.scores[cell] = sortedScores[j];
                        } else {
                            // pycocotools' try/except leaves the remaining recall points at 0
                            for (int r2 = r; r2 < nR; r2++) {
                                int c2 = (((t * nR + r2) * nK + k) * nA + a) * nM + m;
                                s.precision[c2] = 0;
                                s.scores[c2] = 0;
                            }
                            break;
                        }
                    }
                }
            }
        }
    }
}
