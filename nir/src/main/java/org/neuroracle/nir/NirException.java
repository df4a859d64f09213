package org.neuroracle.nir;

/** A NIR file or graph that cannot be read, imported or written; the message is one line naming file, node and field. */
public final class NirException extends IllegalArgumentException {
    public NirException(String message) { super(message); }

    public NirException(String message, Throwable cause) { super(message, cause); }
}
