package org.neuroracle.kernels.cl;

import org.jocl.CL;
import org.jocl.cl_mem;

/** A device buffer of {@link #bytes()} bytes. */
public final class ClBuffer implements AutoCloseable {
    private cl_mem mem;
    private final long bytes;

    ClBuffer(cl_mem mem, long bytes) {
        this.mem = mem;
        this.bytes = bytes;
    }

    public long bytes() { return bytes; }

    cl_mem handle() {
        if (mem == null) throw new IllegalStateException("OpenCL buffer is closed");
        return mem;
    }

    @Override public void close() {
        if (mem != null) {
            int rc = CL.clReleaseMemObject(mem);
            mem = null;
            ClException.check("clReleaseMemObject", rc);
        }
    }
}
