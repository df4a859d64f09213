package org.neuroracle.kernels.cl;

import org.jocl.CL;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;

/** An OpenCL context on one device. Closing it releases the native context (close its children first). */
public final class ClContext implements AutoCloseable {
    private final ClDevice device;
    private cl_context context;

    public ClContext(ClDevice device) {
        this.device = device;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL.CL_CONTEXT_PLATFORM, device.platform());
        int[] err = new int[1];
        context = CL.clCreateContext(props, 1, new cl_device_id[]{device.id()}, null, null, err);
        ClException.check("clCreateContext(" + device.name() + ")", err[0]);
    }

    public ClDevice device() { return device; }

    cl_context handle() {
        if (context == null) throw new IllegalStateException("OpenCL context is closed");
        return context;
    }

    /** An in-order command queue on this context's device. */
    public ClQueue createQueue() {
        int[] err = new int[1];
        @SuppressWarnings("deprecation")
        cl_command_queue q = CL.clCreateCommandQueue(handle(), device.id(), 0, err);
        ClException.check("clCreateCommandQueue", err[0]);
        return new ClQueue(q);
    }

    public ClBuffer createBuffer(long bytes) {
        int[] err = new int[1];
        var mem = CL.clCreateBuffer(handle(), CL.CL_MEM_READ_WRITE, Math.max(bytes, 4), null, err);
        ClException.check("clCreateBuffer(" + bytes + " bytes)", err[0]);
        return new ClBuffer(mem, Math.max(bytes, 4));
    }

    @Override public void close() {
        if (context != null) {
            int rc = CL.clReleaseContext(context);
            context = null;
            ClException.check("clReleaseContext", rc);
        }
    }
}
