package io.detkit.data.image;

/**
 * Loads the OpenCV native library bundled in {@code org.openpnp:opencv}, once per JVM. Every detkit
 * class that touches OpenCV calls {@link #load()} in its static initialiser, so users never need to.
 */
public final class OpenCvNatives {
    private static volatile boolean loaded;

    private OpenCvNatives() {}

    /**
     * Loads the natives if they are not loaded yet; cheap after the first call and thread-safe.
     *
     * @throws UnsatisfiedLinkError if no native library fits this platform
     */
    public static void load() {
        if (!loaded) {
            synchronized (OpenCvNatives.class) {
                if (!loaded) {
                    nu.pattern.OpenCV.loadLocally();
                    loaded = true;
                }
            }
        }
    }
}
