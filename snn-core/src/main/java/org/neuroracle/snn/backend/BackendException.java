package org.neuroracle.snn.backend;

/** A backend cannot compile or run a network: a missing feature, a missing runtime, or a native error (message included). */
public class BackendException extends RuntimeException {
    public BackendException(String message) { super(message); }
    public BackendException(String message, Throwable cause) { super(message, cause); }
}
