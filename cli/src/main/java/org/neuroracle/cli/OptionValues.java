package org.neuroracle.cli;

import picocli.CommandLine;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Converters for option values that name a chain endpoint or a contract, checked when the command line is parsed, so
 * the error names the option and the value (web3j's own said "Expected URL scheme ... notaur...", and an unchecked
 * address was sent to the chain as a call's target).
 */
final class OptionValues {
    private OptionValues() {}

    /** --rpc: an http(s) URL with a host. */
    static final class RpcUrl implements CommandLine.ITypeConverter<String> {
        @Override public String convert(String value) {
            try {
                URI u = new URI(value);
                if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) return value;
            } catch (URISyntaxException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException(shown(value) + " is not an http(s) URL with a host, e.g. http://127.0.0.1:8545");
        }
    }

    /** A contract or account address: 0x and 40 hex digits (each element of a comma-separated option). */
    static final class Address implements CommandLine.ITypeConverter<String> {
        @Override public String convert(String value) {
            if (value.matches("0x[0-9a-fA-F]{40}")) return value;
            throw new CommandLine.TypeConversionException(shown(value) + " is not an address (0x and 40 hex digits)");
        }
    }

    /** The value quoted, cut at 80 characters (a 100 kB argument is not echoed whole). */
    static String shown(String value) { return "'" + (value.length() > 80 ? value.substring(0, 80) + "..." : value) + "'"; }
}
