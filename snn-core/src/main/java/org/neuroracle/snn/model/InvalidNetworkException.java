package org.neuroracle.snn.model;

/** A network, parameter or network file is invalid. The message names the field (and file and line when known). */
public class InvalidNetworkException extends IllegalArgumentException {
    public InvalidNetworkException(String message) { super(message); }

    static void require(boolean ok, String message) {
        if (!ok) throw new InvalidNetworkException(message);
    }
}
