package io.detkit.data.synth;

/** Loads OpenCV's native library once per JVM. */
final class Natives {
    private static boolean loaded;

    private Natives() {}

    /** Loads the OpenCV natives bundled in {@code org.openpnp:opencv} if not loaded yet. */
    static synchronized void load() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            loaded = true;
        }
    }
}
