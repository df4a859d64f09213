package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** `train treasury-ensemble` names its own options in errors (one line, exit 1), never the artifact's field names. */
class TreasuryEnsembleOptionsTest {
    @TempDir Path tmp;

    private CliRun train(String... extra) {
        String[] base = {"train", "treasury-ensemble", "--out", tmp.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private static void refused(CliRun r, String expected) {
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("neuroracle: " + expected), r.err());
        assertFalse(r.err().contains("ensemble."), "no artifact field name: " + r.err());
    }

    @Test void aBadHalfLifeNamesTheOption() {
        refused(train("--strategy", "median_gate", "--half-life-days", "-3", "--gate-ratio", "0.75"), "--half-life-days: 1..3650 with --strategy median_gate, got -3");
    }

    @Test void aBadBacktestWindowNamesTheOption() {
        refused(train("--backtest-days", "3"), "--backtest-days: 7..3650, got 3");
    }

    @Test void optionsOfAnotherStrategyOrIntervalAreRefusedByName() {
        refused(train("--gate-ratio", "0.5"), "--gate-ratio: only with --strategy median_gate");
        refused(train("--interval", "tracker"), "--tracker-step: in (0, 1] with --interval tracker, got 0.0");
        refused(train("--interval", "conformal", "--tracker-step", "0.2", "--conformal-days", "900", "--interval-days", "730"), "--conformal-days: 7..--interval-days (730)");
        refused(train("--interval", "wide"), "--interval: one of log1p, tracker, conformal, balanced_tracker, got 'wide'");
    }

    @Test void goodOptionsWriteAModel() {
        CliRun r = train("--strategy", "median_gate", "--extended", "--backtest-days", "365", "--interval-days", "730", "--interval", "balanced_tracker",
                "--tracker-step", "0.2", "--half-life-days", "90", "--gate-ratio", "0.75");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("modelId "), r.out());
    }
}
