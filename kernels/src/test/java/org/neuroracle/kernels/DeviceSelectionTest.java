package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;
import org.neuroracle.kernels.cl.ClDevice;
import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeviceSelectionTest {
    @Test void backendIsFoundByServiceLoaderUnderItsName() {
        Backend b = Backends.byName("opencl");
        assertEquals(OpenClBackend.class, b.getClass());
    }

    @Test void devicesAreListedAndSelectableByIndexAndByName() {
        OpenClBackend ocl = OpenClTesting.opencl();
        List<Backend.DeviceInfo> infos = ocl.devices();
        assertFalse(infos.isEmpty());
        List<ClDevice> devices = OpenClBackend.clDevices();
        for (ClDevice d : devices) {
            assertEquals(d, ClDevice.select(devices, Integer.toString(d.index())));
            String word = d.name().split("[^A-Za-z0-9]+")[0];
            assertTrue(ClDevice.select(devices, word.toUpperCase()).name().toLowerCase().contains(word.toLowerCase()));
        }
    }

    @Test void unknownDeviceNamesTheDevicesThatExist() {
        OpenClTesting.opencl();
        List<ClDevice> devices = OpenClBackend.clDevices();
        BackendException byName = assertThrows(BackendException.class, () -> ClDevice.select(devices, "no-such-device-xyz"));
        assertTrue(byName.getMessage().contains("no OpenCL device matches 'no-such-device-xyz'"), byName.getMessage());
        assertTrue(byName.getMessage().contains("0 = " + devices.getFirst().name()), byName.getMessage());
        BackendException byIndex = assertThrows(BackendException.class, () -> ClDevice.select(devices, "99"));
        assertTrue(byIndex.getMessage().contains("index 99 does not exist"), byIndex.getMessage());
        assertThrows(BackendException.class, () -> new OpenClBackend().compile(
                org.neuroracle.snn.networks.BuiltinNetworks.byName("cuba-fixed", 1), Options.defaults().withDevice("no-such-device-xyz")));
    }

    /**
     * Without any OpenCL platform (the ICD loader pointed at an empty vendor directory) the backend says so
     * in one line and does not crash. Runs in a child JVM because the platform list is fixed per process.
     */
    @Test void withoutAPlatformTheBackendIsUnavailableWithAReason(@org.junit.jupiter.api.io.TempDir Path empty) throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(javaBin.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), ProbeMain.class.getName());
        pb.environment().put("OCL_ICD_VENDORS", empty.toString());
        pb.environment().remove("OPENCL_VENDOR_PATH");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("available=false"), out);
        assertTrue(out.contains("reason=no OpenCL platform or device found") || out.contains("reason=the OpenCL library could not be loaded"), out);
        assertTrue(out.contains("compile=backend 'opencl' is unavailable: "), out);
    }

    @Test void environmentVariableSelectsTheDevice() throws Exception {
        OpenClTesting.opencl();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName());
        pb.environment().put(OpenClBackend.DEVICE_ENV, "no-such-device-xyz");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.contains("available=true"), out);
        assertTrue(out.contains("compile=no OpenCL device matches 'no-such-device-xyz'"), "the variable was used: " + out);
    }

    /** Child-JVM entry of the tests above. */
    public static final class ProbeMain {
        public static void main(String[] args) throws IOException {
            OpenClBackend b = new OpenClBackend();
            System.out.println("available=" + b.available());
            System.out.println("reason=" + b.unavailableReason());
            System.out.println("devices=" + b.devices().size());
            try {
                b.compile(org.neuroracle.snn.networks.BuiltinNetworks.byName("cuba-fixed", 1), Options.defaults());
            } catch (BackendException e) {
                System.out.println("compile=" + e.getMessage());
            }
            Files.exists(Path.of("."));
        }
    }
}
