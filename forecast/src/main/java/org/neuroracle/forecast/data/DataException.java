package org.neuroracle.forecast.data;

/** Bad input data: the message names the file and line (and field where known), ready for one CLI line. */
public final class DataException extends IllegalArgumentException {
    public DataException(String message) { super(message); }

    public DataException(String file, long line, String message) { super(file + ":" + line + ": " + message); }

    public DataException(String message, Throwable cause) { super(message, cause); }
}
