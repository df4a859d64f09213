package org.neuroracle.daoserver.oracle;

/** A failure the operator can act on (unreachable RPC, missing contract artifacts, a revert), with one readable message. */
public class OracleException extends RuntimeException {
    public OracleException(String message) { super(message); }

    public OracleException(String message, Throwable cause) { super(message, cause); }
}
