package org.neuroracle.adapters;

import org.neuroracle.snn.backend.BackendException;

/** A board call failed; the message is the board's own last-error string, prefixed by the call that failed. */
public class BoardException extends BackendException {
    private final int status;

    public BoardException(String message, int status) {
        super(message);
        this.status = status;
    }

    /** The NRB_E_* status the board returned (negative), or 0 when the failure is on the Java side. */
    public int status() { return status; }
}
