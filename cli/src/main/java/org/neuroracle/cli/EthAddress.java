package org.neuroracle.cli;

import picocli.CommandLine;

/** Options that name a contract: 0x and 40 hex digits, checked when parsed (an unchecked one was sent to the chain as "to"). */
final class EthAddress implements CommandLine.ITypeConverter<String> {
    @Override public String convert(String value) {
        if (value.matches("0x[0-9a-fA-F]{40}")) return value;
        throw new CommandLine.TypeConversionException("'" + (value.length() > 80 ? value.substring(0, 80) + "..." : value)
                + "' is not an address (0x and 40 hex digits)");
    }
}
