package io.detkit.data.synth;

/** The file format of the rendered images. */
public enum ImageFormat {
    /** Baseline JPEG at quality 95 ({@code .jpg}): about 5× smaller than PNG for noisy images. */
    JPEG(".jpg"),
    /** Lossless PNG ({@code .png}). */
    PNG(".png");

    private final String extension;

    ImageFormat(String extension) {
        this.extension = extension;
    }

    /** @return the file extension with its dot */
    public String extension() {
        return extension;
    }
}
