package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

class DevicesTest {
    @Test
    void cpuAndAuto() {
        assertEquals(Device.cpu(), Devices.parse("cpu"));
        boolean gpu = Engine.getInstance().getGpuCount() > 0;
        assertEquals(gpu ? Device.gpu(0) : Device.cpu(), Devices.parse("auto", "--device"));
    }

    @Test
    void malformedSettingsNameTheSettingAndTheValue() {
        for (String bad : new String[] {"GPU", "gpu:", "gpu:x", "cuda", "gpu:-1", "", "cpu:0"}) {
            String m = assertThrows(IllegalArgumentException.class, () -> Devices.parse(bad, "--device")).getMessage();
            assertTrue(m.startsWith("--device must be auto, cpu, gpu or gpu:N, got '" + bad + "'"), m);
        }
        String m = assertThrows(IllegalArgumentException.class, () -> Devices.parse("tpu")).getMessage();
        assertTrue(m.startsWith("train.device must be"), m);
    }

    @Test
    void aMissingGpuSaysHowManyTheEngineSees() {
        int gpus = Engine.getInstance().getGpuCount();
        String m = assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu:9999", "--device")).getMessage();
        assertTrue(m.contains("--device gpu:9999: the PyTorch engine sees " + gpus + " GPU(s)"), m);
        if (gpus == 0) {
            assertThrows(IllegalArgumentException.class, () -> Devices.parse("gpu"));
        }
    }
}
