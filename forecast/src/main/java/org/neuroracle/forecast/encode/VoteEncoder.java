package org.neuroracle.forecast.encode;

import org.neuroracle.forecast.data.Choice;

import java.util.Arrays;

/**
 * Turns the votes known at {@code asOf} into input spikes over a fixed number of steps spanning the voting window.
 * Input neurons, in order:
 * <pre>
 *  [0, 3B)          choice x log-weight population code: one spike per vote, neuron choice*B + bin, at the vote's step
 *  [3B, 3B+K)       for-mass thermometer: neuron k fires when the cumulative for-weight first reaches (k+1)*q of the scale
 *  [3B+K, 3B+2K)    against-mass thermometer, the same for against-weight
 *  3B+2K            for-leads: fires at each clock tick while for > against
 *  3B+2K+1          against-leads: fires at each clock tick while against >= for and some weight was cast
 *  3B+2K+2          clock: fires every clockEverySteps steps from the window start until asOf (elapsed time)
 * </pre>
 * The scale is the quorum when known, else the largest single vote so far (1 token when there is none), so weights
 * are quorum-relative and comparable across DAOs. Votes after asOf are never seen.
 */
public record VoteEncoder(int steps, int weightBins, double log10WeightLow, double log10WeightHigh, int massLevels,
                          double massQuantum, int clockEverySteps) {

    public VoteEncoder {
        if (steps < 10 || steps > 100_000) throw new IllegalArgumentException("encoder.steps: must be 10..100000, got " + steps);
        if (weightBins < 2) throw new IllegalArgumentException("encoder.weightBins: must be >= 2, got " + weightBins);
        if (!(log10WeightHigh > log10WeightLow)) throw new IllegalArgumentException("encoder.log10WeightHigh: must exceed log10WeightLow");
        if (massLevels < 1) throw new IllegalArgumentException("encoder.massLevels: must be >= 1");
        if (!(massQuantum > 0)) throw new IllegalArgumentException("encoder.massQuantum: must be positive");
        if (clockEverySteps < 1) throw new IllegalArgumentException("encoder.clockEverySteps: must be >= 1");
    }

    public static VoteEncoder defaults() { return new VoteEncoder(200, 8, -5.0, 1.0, 20, 0.1, 10); }

    public int channelCount() { return 3 * weightBins + 2 * massLevels + 3; }

    public int forMassBase() { return 3 * weightBins; }

    public int againstMassBase() { return 3 * weightBins + massLevels; }

    public int forLeads() { return 3 * weightBins + 2 * massLevels; }

    public int clock() { return forLeads() + 2; }

    /** One vote as the encoder needs it: seconds since the window start, choice, and weight in scale units. */
    public record Event(long offsetSeconds, Choice choice, double weightInScale) {}

    /** The step a time falls into (clamped into the run). */
    public int stepOf(long offsetSeconds, long windowSeconds) {
        long s = Math.floorDiv(offsetSeconds * (long) steps, Math.max(1, windowSeconds));
        return (int) Math.max(0, Math.min(steps - 1, s));
    }

    /**
     * Encodes events (sorted by time, all at or before asOf) for a window of {@code windowSeconds}, observed up to
     * {@code asOfOffsetSeconds} after the window start.
     */
    public InputSpikes encode(Event[] events, long windowSeconds, long asOfOffsetSeconds) {
        int cap = events.length + 2 * massLevels + 3 * (steps / clockEverySteps + 1);
        int[] st = new int[cap], ne = new int[cap];
        int n = 0;
        int asOfStep = (int) Math.max(0, Math.min(steps, Math.floorDiv(asOfOffsetSeconds * (long) steps, Math.max(1, windowSeconds))));
        double forW = 0, againstW = 0;
        int forLevel = 0, againstLevel = 0;
        int e = 0;
        double binWidth = (log10WeightHigh - log10WeightLow) / weightBins;
        // Walk the steps once so the tick-driven channels see the tally as it stood at each tick.
        for (int s = 0; s < steps; s++) {
            while (e < events.length && stepOf(events[e].offsetSeconds(), windowSeconds) <= s && events[e].offsetSeconds() <= asOfOffsetSeconds) {
                Event ev = events[e++];
                double w = ev.weightInScale();
                int bin = w <= 0 ? 0 : (int) Math.floor((StrictMath.log10(w) - log10WeightLow) / binWidth);
                bin = Math.max(0, Math.min(weightBins - 1, bin));
                st[n] = s; ne[n++] = ev.choice().ordinal() * weightBins + bin;
                if (ev.choice() == Choice.FOR) forW += w;
                else if (ev.choice() == Choice.AGAINST) againstW += w;
                while (forLevel < massLevels && forW >= (forLevel + 1) * massQuantum) { st[n] = s; ne[n++] = forMassBase() + forLevel++; }
                while (againstLevel < massLevels && againstW >= (againstLevel + 1) * massQuantum) { st[n] = s; ne[n++] = againstMassBase() + againstLevel++; }
            }
            if (s < asOfStep && s % clockEverySteps == 0) {
                st[n] = s; ne[n++] = clock();
                if (forW > againstW) { st[n] = s; ne[n++] = forLeads(); }
                else if (againstW > 0) { st[n] = s; ne[n++] = forLeads() + 1; }
            }
            if (n + 2 * massLevels + 8 > st.length) { st = Arrays.copyOf(st, st.length * 2 + 16); ne = Arrays.copyOf(ne, ne.length * 2 + 16); }
        }
        return new InputSpikes(Arrays.copyOf(st, n), Arrays.copyOf(ne, n), steps, channelCount());
    }
}
