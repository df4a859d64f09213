package org.neuroracle.cli;

import org.neuroracle.forecast.train.VoteTrainer;
import picocli.CommandLine;

/** {@code --dao-recalibration N|cv}: a pseudo-count >= 0 (0 = none), or cv (chosen by nested leave-DAO-out). */
final class PseudoCount implements CommandLine.ITypeConverter<Integer> {
    @Override public Integer convert(String v) {
        if (v.equalsIgnoreCase("cv")) return VoteTrainer.Config.CROSS_VALIDATED;
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) return n;
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new CommandLine.TypeConversionException("'" + v + "' is not a pseudo-count: give an integer >= 0 (0 = none) or cv (chosen by nested leave-DAO-out)");
    }
}
