package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.train.VoteTrainer;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.*;

class PseudoCountTest {
    @Test void readsCountsAndCv() {
        PseudoCount c = new PseudoCount();
        assertEquals(0, c.convert("0"));
        assertEquals(20, c.convert("20"));
        assertEquals(VoteTrainer.Config.CROSS_VALIDATED, c.convert("cv"));
        assertEquals(VoteTrainer.Config.CROSS_VALIDATED, c.convert("CV"));
    }

    @Test void refusesNegativeAndNonNumbersNamingTheValue() {
        PseudoCount c = new PseudoCount();
        for (String bad : new String[]{"-1", "x", "2.5", ""}) {
            var e = assertThrows(CommandLine.TypeConversionException.class, () -> c.convert(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }
}
