package org.neuroracle.kernels.cl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;

/**
 * A kernel with typed argument setters. The scalar setters reuse one boxed-free scratch array and one
 * {@link Pointer} each, so setting per-step arguments allocates nothing.
 */
public final class ClKernel implements AutoCloseable {
    private cl_kernel kernel;
    private final String name;
    private final int[] intScratch = new int[1];
    private final float[] floatScratch = new float[1];
    private final Pointer intPointer = Pointer.to(intScratch);
    private final Pointer floatPointer = Pointer.to(floatScratch);

    ClKernel(cl_kernel kernel, String name) {
        this.kernel = kernel;
        this.name = name;
    }

    public String name() { return name; }

    cl_kernel handle() {
        if (kernel == null) throw new IllegalStateException("OpenCL kernel " + name + " is closed");
        return kernel;
    }

    public ClKernel arg(int index, int value) {
        intScratch[0] = value;
        check(index, CL.clSetKernelArg(handle(), index, Sizeof.cl_int, intPointer));
        return this;
    }

    public ClKernel arg(int index, float value) {
        floatScratch[0] = value;
        check(index, CL.clSetKernelArg(handle(), index, Sizeof.cl_float, floatPointer));
        return this;
    }

    public ClKernel arg(int index, ClBuffer buffer) {
        check(index, CL.clSetKernelArg(handle(), index, Sizeof.cl_mem, Pointer.to(buffer.handle())));
        return this;
    }

    private void check(int index, int rc) {
        if (rc != CL.CL_SUCCESS) throw new ClException("clSetKernelArg(" + name + ", " + index + ")", rc, null);
    }

    @Override public void close() {
        if (kernel != null) {
            int rc = CL.clReleaseKernel(kernel);
            kernel = null;
            ClException.check("clReleaseKernel(" + name + ")", rc);
        }
    }
}
