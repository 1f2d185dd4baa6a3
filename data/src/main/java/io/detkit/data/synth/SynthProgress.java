package io.detkit.data.synth;

/** Receives progress while a synthetic dataset is rendered; called on the calling thread, in order. */
@FunctionalInterface
public interface SynthProgress {
    /**
     * @param done images rendered and written so far
     * @param total images to render
     */
    void update(int done, int total);

    /** @return a listener that ignores progress */
    static SynthProgress none() {
        return (done, total) -> {};
    }
}
