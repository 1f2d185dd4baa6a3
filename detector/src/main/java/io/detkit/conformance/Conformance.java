package io.detkit.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs every conformance check against the reference sets in {@code shared/data} and exits
 * non-zero if any published value is not reproduced. Used by {@code scripts/conformance} and CI.
 */
public final class Conformance {
    private Conformance() {}

    /**
     * @param args the shared data folder (default {@code ../shared/data})
     * @throws Exception if a reference file cannot be read
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        if (!Files.isDirectory(dir.resolve("metric_refs"))) {
            System.err.println("conformance: " + dir + "/metric_refs not found");
            System.exit(2);
        }
        boolean ok = true;
        System.out.println("== COCO (pycocotools reference values)");
        ok &= CocoConformance.run(dir, System.out);
        System.out.println("== Pascal VOC (published AP values)");
        ok &= VocConformance.run(dir, System.out);
        System.out.println("== Datasets (coco128, voc100, dlib_faces readers)");
        ok &= DataConformance.run(dir, System.out);
        System.out.println(ok ? "== all conformance checks passed" : "== CONFORMANCE FAILED");
        System.exit(ok ? 0 : 1);
    }
}
