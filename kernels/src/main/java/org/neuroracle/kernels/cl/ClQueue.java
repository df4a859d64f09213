package org.neuroracle.kernels.cl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;

/**
 * An in-order command queue. Reads are blocking; writes are blocking too, so host arrays may be reused at once.
 * Kernel launches reuse the caller's size arrays: nothing is allocated per launch.
 */
public final class ClQueue implements AutoCloseable {
    private cl_command_queue queue;

    ClQueue(cl_command_queue queue) { this.queue = queue; }

    private cl_command_queue handle() {
        if (queue == null) throw new IllegalStateException("OpenCL command queue is closed");
        return queue;
    }

    /** 1-D launch; {@code global} must be a multiple of {@code local}; null local lets the driver choose. */
    public void launch(ClKernel kernel, long[] global, long[] local) {
        int rc = CL.clEnqueueNDRangeKernel(handle(), kernel.handle(), 1, null, global, local, 0, null, null);
        if (rc != CL.CL_SUCCESS) throw new ClException("clEnqueueNDRangeKernel(" + kernel.name() + ")", rc, null);
    }

    public void write(ClBuffer buffer, int[] data) { write(buffer, 0, data, data.length); }

    public void write(ClBuffer buffer, long offsetInts, int[] data, int count) {
        if (count == 0) return;
        ClException.check("clEnqueueWriteBuffer", CL.clEnqueueWriteBuffer(handle(), buffer.handle(), CL.CL_TRUE,
                offsetInts * Sizeof.cl_int, (long) count * Sizeof.cl_int, Pointer.to(data), 0, null, null));
    }

    public void write(ClBuffer buffer, float[] data) {
        if (data.length == 0) return;
        ClException.check("clEnqueueWriteBuffer", CL.clEnqueueWriteBuffer(handle(), buffer.handle(), CL.CL_TRUE,
                0, (long) data.length * Sizeof.cl_float, Pointer.to(data), 0, null, null));
    }

    public void read(ClBuffer buffer, long offsetInts, int[] into, int count) {
        if (count == 0) return;
        ClException.check("clEnqueueReadBuffer", CL.clEnqueueReadBuffer(handle(), buffer.handle(), CL.CL_TRUE,
                offsetInts * Sizeof.cl_int, (long) count * Sizeof.cl_int, Pointer.to(into), 0, null, null));
    }

    public void read(ClBuffer buffer, long offsetFloats, float[] into, int count) {
        if (count == 0) return;
        ClException.check("clEnqueueReadBuffer", CL.clEnqueueReadBuffer(handle(), buffer.handle(), CL.CL_TRUE,
                offsetFloats * Sizeof.cl_float, (long) count * Sizeof.cl_float, Pointer.to(into), 0, null, null));
    }

    /** Sets every 32-bit word of the buffer to {@code value}. */
    public void fill(ClBuffer buffer, int value) {
        ClException.check("clEnqueueFillBuffer", CL.clEnqueueFillBuffer(handle(), buffer.handle(),
                Pointer.to(new int[]{value}), Sizeof.cl_int, 0, buffer.bytes(), 0, null, null));
    }

    public void finish() { ClException.check("clFinish", CL.clFinish(handle())); }

    @Override public void close() {
        if (queue != null) {
            int rc = CL.clReleaseCommandQueue(queue);
            queue = null;
            ClException.check("clReleaseCommandQueue", rc);
        }
    }
}
