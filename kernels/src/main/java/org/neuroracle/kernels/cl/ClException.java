package org.neuroracle.kernels.cl;

import org.jocl.CL;
import org.neuroracle.snn.backend.BackendException;

/**
 * A native OpenCL call failed. The message names the call, the CL error name and code, and (for program builds)
 * the device's build log, so the caller never has to look anything up.
 */
public final class ClException extends BackendException {
    private final int errorCode;

    public ClException(String call, int errorCode, String detail) {
        super(call + " failed: " + CL.stringFor_errorCode(errorCode) + " (" + errorCode + ")"
                + (detail == null || detail.isBlank() ? "" : "\n" + detail.strip()));
        this.errorCode = errorCode;
    }

    public int errorCode() { return errorCode; }

    /** Throws when {@code code} is not CL_SUCCESS. */
    public static void check(String call, int code) {
        if (code != CL.CL_SUCCESS) throw new ClException(call, code, null);
    }
}
