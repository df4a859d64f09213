package org.neuroracle.hw.gpu;

/** An NVML call failed (or NVML is missing); {@code status} is the nvmlReturn_t, or -1 when no call returned one. */
public final class NvmlException extends RuntimeException {
    private final int status;

    public NvmlException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() { return status; }
}
