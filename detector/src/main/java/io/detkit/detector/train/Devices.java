package io.detkit.detector.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a device setting ({@code train.device}, the CLI's {@code --device}): {@code auto} (the
 * first GPU when the engine sees one, else the CPU), {@code cpu}, {@code gpu} (= {@code gpu:0}) or
 * {@code gpu:N}.
 */
public final class Devices {
    private static final Pattern SPEC = Pattern.compile("auto|cpu|gpu(?::(\\d{1,4}))?");

    private Devices() {}

    /**
     * Parses {@code train.device}.
     *
     * @param spec the setting
     * @return the device
     * @throws IllegalArgumentException on a malformed setting, or when a GPU is asked for and the
     *     engine has none
     */
    public static Device parse(String spec) {
        return parse(spec, "train.device");
    }

    /**
     * Parses a device setting, naming it in error messages.
     *
     * @param spec the setting: auto, cpu, gpu or gpu:N
     * @param what the setting's name for messages, e.g. {@code --device}
     * @return the device
     * @throws IllegalArgumentException on a malformed setting, or when a GPU is asked for and the
     *     engine has too few
     */
    public static Device parse(String spec, String what) {
        Matcher m = SPEC.matcher(spec == null ? "" : spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(what + " must be auto, cpu, gpu or gpu:N, got '" + spec + "'");
        }
        String s = m.group();
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = Engine.getInstance().getGpuCount();
        if (s.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        int id = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        if (id >= gpus) {
            throw new IllegalArgumentException(what + " " + s + ": the PyTorch engine sees " + gpus
                    + " GPU(s); install the CUDA native artifact (mvn -Pcuda, see README) or use cpu");
        }
        return Device.gpu(id);
    }
}
