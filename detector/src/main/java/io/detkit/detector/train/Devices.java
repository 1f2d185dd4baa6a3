package io.detkit.detector.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Parses {@code train.device}: {@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}. */
public final class Devices {
    private Devices() {}

    /**
     * @param spec the setting
     * @return the device
     * @throws IllegalArgumentException when a GPU is asked for and the engine has none
     */
    public static Device parse(String spec) {
        int gpus = Engine.getInstance().getGpuCount();
        if (spec.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (spec.equals("cpu")) {
            return Device.cpu();
        }
        int id = spec.startsWith("gpu:") ? Integer.parseInt(spec.substring(4)) : 0;
        if (id >= gpus) {
            throw new IllegalArgumentException("train.device " + spec + ": the PyTorch engine sees " + gpus
                    + " GPU(s); install the CUDA native artifact (mvn -Pcuda, see README) or use device: cpu");
        }
        return Device.gpu(id);
    }
}
