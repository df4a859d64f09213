package org.neuroracle.forecast.encode;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Choice;

import static org.junit.jupiter.api.Assertions.*;

class EncoderTest {
    @Test void sigmaDeltaCostsNothingOnAFlatSeriesAndDecodesWithinDelta() {
        SigmaDeltaEncoder e = new SigmaDeltaEncoder(1, 0.25, 32, 4);
        double[][] flat = {new double[50]};
        java.util.Arrays.fill(flat[0], 3.0);
        InputSpikes s = e.encode(flat, 50, 0);
        long valueSpikes = java.util.Arrays.stream(s.neurons()).filter(n -> n < e.dayOfWeekBase()).count();
        assertEquals(12, valueSpikes, "3.0 / 0.25 up-spikes on day 0, none after");
        double[][] wave = {new double[60]};
        for (int d = 0; d < 60; d++) wave[0][d] = 2 + Math.sin(d / 5.0);
        InputSpikes w = e.encode(wave, 60, 0);
        double[] rec = e.decode(w, 0, 60);
        for (int d = 0; d < 60; d++) assertTrue(Math.abs(rec[d] - wave[0][d]) < 0.25 + 1e-12, "day " + d);
    }

    @Test void voteEncoderUsesOnlyVotesUpToAsOf() {
        VoteEncoder e = VoteEncoder.defaults();
        VoteEncoder.Event[] ev = {
                new VoteEncoder.Event(10, Choice.FOR, 0.5), new VoteEncoder.Event(500, Choice.AGAINST, 0.01), new VoteEncoder.Event(900, Choice.FOR, 2.0)};
        InputSpikes early = e.encode(ev, 1000, 600), late = e.encode(ev, 1000, 1000);
        int[] c = early.counts(), d = late.counts();
        assertEquals(5, c[e.forMassBase()] + c[e.forMassBase() + 1] + c[e.forMassBase() + 2] + c[e.forMassBase() + 3] + c[e.forMassBase() + 4], "0.5 of scale = 5 for-mass levels");
        assertEquals(0, c[e.forMassBase() + 5]);
        assertEquals(1, d[e.forMassBase() + 19], "2.5 of scale fills all 20 levels");
        assertEquals(12, c[e.clock()], "clock ticks every 10 steps up to step 120 (60% of 200)");
        assertEquals(20, d[e.clock()]);
        // Weight bins: 0.5 of scale is log10 = -0.30 -> bin floor((-0.30 + 5) / 0.75) = 6.
        assertEquals(1, c[Choice.FOR.ordinal() * 8 + 6]);
    }
}
