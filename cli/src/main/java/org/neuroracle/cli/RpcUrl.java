package org.neuroracle.cli;

import picocli.CommandLine;

import java.net.URI;
import java.net.URISyntaxException;

/** The --rpc options: an http(s) URL with a host, checked when parsed (web3j's own error named neither the option nor the value). */
final class RpcUrl implements CommandLine.ITypeConverter<String> {
    @Override public String convert(String value) {
        try {
            URI u = new URI(value);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) return value;
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CommandLine.TypeConversionException("'" + (value.length() > 80 ? value.substring(0, 80) + "..." : value)
                + "' is not an http(s) URL with a host, e.g. http://127.0.0.1:8545");
    }
}
