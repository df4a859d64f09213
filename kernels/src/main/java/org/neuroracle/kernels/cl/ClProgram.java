package org.neuroracle.kernels.cl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

import java.nio.charset.StandardCharsets;

/**
 * A built program for one device, from source or from a device binary (as FPGA toolchains deliver them).
 * A failed build throws {@link ClException} carrying the device's build log.
 */
public final class ClProgram implements AutoCloseable {
    private cl_program program;
    private final ClDevice device;

    private ClProgram(cl_program program, ClDevice device) {
        this.program = program;
        this.device = device;
    }

    public static ClProgram fromSource(ClContext context, String source, String options) {
        int[] err = new int[1];
        // No lengths: the text is passed NUL-terminated, so its byte length never has to match its char count.
        cl_program p = CL.clCreateProgramWithSource(context.handle(), 1, new String[]{source}, null, err);
        ClException.check("clCreateProgramWithSource", err[0]);
        return build(new ClProgram(p, context.device()), options, "source");
    }

    public static ClProgram fromBinary(ClContext context, byte[] binary, String options, String origin) {
        int[] err = new int[1];
        int[] status = new int[1];
        cl_program p = CL.clCreateProgramWithBinary(context.handle(), 1, new cl_device_id[]{context.device().id()},
                new long[]{binary.length}, new byte[][]{binary}, status, err);
        if (err[0] != CL.CL_SUCCESS || status[0] != CL.CL_SUCCESS) {
            if (p != null) CL.clReleaseProgram(p);
            throw new ClException("clCreateProgramWithBinary(" + origin + ")", err[0] != CL.CL_SUCCESS ? err[0] : status[0],
                    "the binary does not load on " + context.device().name() + "; it must be built for this device and driver");
        }
        return build(new ClProgram(p, context.device()), options, origin);
    }

    private static ClProgram build(ClProgram prog, String options, String origin) {
        int rc = CL.clBuildProgram(prog.program, 1, new cl_device_id[]{prog.device.id()}, options, null, null);
        if (rc != CL.CL_SUCCESS) {
            String log = prog.buildLog();
            prog.close();
            throw new ClException("clBuildProgram(" + origin + ", options '" + options + "', device " + prog.device.name() + ")",
                    rc, "build log:\n" + log);
        }
        return prog;
    }

    private cl_program handle() {
        if (program == null) throw new IllegalStateException("OpenCL program is closed");
        return program;
    }

    public String buildLog() {
        long[] size = new long[1];
        int rc = CL.clGetProgramBuildInfo(handle(), device.id(), CL.CL_PROGRAM_BUILD_LOG, 0, null, size);
        if (rc != CL.CL_SUCCESS) return "(build log unavailable: " + CL.stringFor_errorCode(rc) + ")";
        byte[] buf = new byte[(int) size[0]];
        rc = CL.clGetProgramBuildInfo(handle(), device.id(), CL.CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
        if (rc != CL.CL_SUCCESS) return "(build log unavailable: " + CL.stringFor_errorCode(rc) + ")";
        int n = 0;
        while (n < buf.length && buf[n] != 0) n++;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** The device binary of the built program (what {@link #fromBinary} accepts on the same device and driver). */
    public byte[] binary() {
        long[] sizes = new long[1];
        ClException.check("clGetProgramInfo(CL_PROGRAM_BINARY_SIZES)",
                CL.clGetProgramInfo(handle(), CL.CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(sizes), null));
        byte[] bin = new byte[(int) sizes[0]];
        Pointer[] pointers = {Pointer.to(bin)};
        ClException.check("clGetProgramInfo(CL_PROGRAM_BINARIES)",
                CL.clGetProgramInfo(handle(), CL.CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(pointers), null));
        return bin;
    }

    public ClKernel kernel(String name) {
        int[] err = new int[1];
        cl_kernel k = CL.clCreateKernel(handle(), name, err);
        if (err[0] != CL.CL_SUCCESS) throw new ClException("clCreateKernel(" + name + ")", err[0], null);
        return new ClKernel(k, name);
    }

    @Override public void close() {
        if (program != null) {
            int rc = CL.clReleaseProgram(program);
            program = null;
            ClException.check("clReleaseProgram", rc);
        }
    }
}
