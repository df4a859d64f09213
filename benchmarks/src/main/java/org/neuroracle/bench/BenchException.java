package org.neuroracle.bench;

/** A benchmark cannot run as asked: bad options, a missing tool, a failed external run. The message is one readable line. */
public class BenchException extends RuntimeException {
    public BenchException(String message) { super(message); }
    public BenchException(String message, Throwable cause) { super(message, cause); }
}
