package org.neuroracle.kernels.cl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One OpenCL device with the facts the backend needs. {@link #all()} enumerates every device of every platform in
 * a stable order (platform order, then device order), which is the index {@code --device N} refers to.
 */
public record ClDevice(int index, cl_platform_id platform, cl_device_id id, String name, String vendor,
                       String platformName, String version, String driverVersion, long type, int computeUnits,
                       long globalMemBytes, long maxWorkGroupSize, String extensions) {

    public boolean isGpu() { return (type & CL.CL_DEVICE_TYPE_GPU) != 0; }
    public boolean isCpu() { return (type & CL.CL_DEVICE_TYPE_CPU) != 0; }
    public boolean isAccelerator() { return (type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0; }
    /** Doubles are available (used to round float divisions and exp exactly like the Java reference). */
    public boolean hasFp64() { return (" " + extensions + " ").contains(" cl_khr_fp64 "); }

    public String typeName() {
        if (isGpu()) return "gpu";
        if (isCpu()) return "cpu";
        if (isAccelerator()) return "accelerator";
        return "other";
    }

    /** Identity used in program cache keys: a binary built for one device and driver is only valid there. */
    public String cacheIdentity() {
        return platformName + "|" + vendor + "|" + name + "|" + version + "|" + driverVersion;
    }

    public String describe() {
        return platformName + ", " + version + ", driver " + driverVersion + ", " + computeUnits + " compute units, "
                + (globalMemBytes >> 20) + " MiB";
    }

    /**
     * Every device of every platform. Throws {@link ClException} when the ICD loader reports an error other than
     * "no platform" (which yields an empty list), and lets {@link LinkageError} through when libOpenCL is missing.
     */
    public static List<ClDevice> all() {
        int[] count = new int[1];
        int rc = CL.clGetPlatformIDs(0, null, count);
        if (rc == CL.CL_PLATFORM_NOT_FOUND_KHR || count[0] == 0) return List.of();
        ClException.check("clGetPlatformIDs", rc);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        ClException.check("clGetPlatformIDs", CL.clGetPlatformIDs(platforms.length, platforms, null));
        List<ClDevice> out = new ArrayList<>();
        for (cl_platform_id p : platforms) {
            int[] n = new int[1];
            rc = CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, 0, null, n);
            if (rc == CL.CL_DEVICE_NOT_FOUND || n[0] == 0) continue;
            ClException.check("clGetDeviceIDs", rc);
            cl_device_id[] ids = new cl_device_id[n[0]];
            ClException.check("clGetDeviceIDs", CL.clGetDeviceIDs(p, CL.CL_DEVICE_TYPE_ALL, ids.length, ids, null));
            String platformName = platformString(p, CL.CL_PLATFORM_NAME);
            for (cl_device_id d : ids) {
                out.add(new ClDevice(out.size(), p, d, deviceString(d, CL.CL_DEVICE_NAME), deviceString(d, CL.CL_DEVICE_VENDOR),
                        platformName, deviceString(d, CL.CL_DEVICE_VERSION), deviceString(d, CL.CL_DRIVER_VERSION),
                        deviceLong(d, CL.CL_DEVICE_TYPE), (int) deviceInt(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS),
                        deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE), deviceSizeT(d, CL.CL_DEVICE_MAX_WORK_GROUP_SIZE),
                        deviceString(d, CL.CL_DEVICE_EXTENSIONS)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Chooses a device: {@code selector} is an index into {@link #all()} or a case-insensitive substring of the
     * device name, vendor or platform name; null or blank picks the first GPU, else the first device.
     */
    public static ClDevice select(List<ClDevice> devices, String selector) {
        if (devices.isEmpty()) throw new org.neuroracle.snn.backend.BackendException("no OpenCL device found");
        if (selector == null || selector.isBlank()) {
            for (ClDevice d : devices) if (d.isGpu()) return d;
            return devices.getFirst();
        }
        String s = selector.strip();
        if (s.matches("\\d+")) {
            int i = Integer.parseInt(s);
            if (i < devices.size()) return devices.get(i);
            throw new org.neuroracle.snn.backend.BackendException("OpenCL device index " + i + " does not exist; devices: " + listing(devices));
        }
        String needle = s.toLowerCase(java.util.Locale.ROOT);
        for (ClDevice d : devices)
            if ((d.name + " " + d.vendor + " " + d.platformName).toLowerCase(java.util.Locale.ROOT).contains(needle)) return d;
        throw new org.neuroracle.snn.backend.BackendException("no OpenCL device matches '" + s + "'; devices: " + listing(devices));
    }

    private static String listing(List<ClDevice> devices) {
        StringBuilder b = new StringBuilder();
        for (ClDevice d : devices) b.append(b.isEmpty() ? "" : ", ").append(d.index).append(" = ").append(d.name);
        return b.toString();
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        ClException.check("clGetPlatformInfo", CL.clGetPlatformInfo(p, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        ClException.check("clGetPlatformInfo", CL.clGetPlatformInfo(p, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        ClException.check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, 0, null, size));
        byte[] buf = new byte[(int) size[0]];
        ClException.check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, buf.length, Pointer.to(buf), null));
        return cString(buf);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        ClException.check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, Sizeof.cl_long, Pointer.to(v), null));
        return v[0];
    }

    private static long deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        ClException.check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null));
        return Integer.toUnsignedLong(v[0]);
    }

    private static long deviceSizeT(cl_device_id d, int param) {
        long[] v = new long[1];
        ClException.check("clGetDeviceInfo", CL.clGetDeviceInfo(d, param, Sizeof.size_t, Pointer.to(v), null));
        return v[0];
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8).strip();
    }
}
