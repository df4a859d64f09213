package org.neuroracle.forecast.encode;

import java.util.Arrays;

/**
 * Send-on-delta (sigma-delta with error feedback) encoding of daily series into spikes. Each series value x (on a
 * log1p scale) is compared with the reconstruction r the receiver holds; while |x - r| >= delta one "up" or "down"
 * spike is sent and r moves by delta. At most {@code maxSpikesPerDay} spikes per direction per day are sent, each
 * on its own neuron of the up or down group (neuron j = the j-th quantum of that day's move); the rest carries over.
 * A flat series therefore costs no spikes at all after it has been reached.
 * <p>Input neurons per series i: up group [i*2M, i*2M+M), down group [i*2M+M, (i+1)*2M); then 7 day-of-week
 * neurons (one spike at each day's first step), which let the readout see weekly seasonality.
 */
public record SigmaDeltaEncoder(int seriesCount, double delta, int maxSpikesPerDay, int stepsPerDay) {
    public SigmaDeltaEncoder {
        if (seriesCount < 1) throw new IllegalArgumentException("encoder.seriesCount: must be >= 1");
        if (!(delta > 0)) throw new IllegalArgumentException("encoder.delta: must be positive");
        if (maxSpikesPerDay < 1 || maxSpikesPerDay > stepsPerDay * 64) throw new IllegalArgumentException("encoder.maxSpikesPerDay: out of range");
        if (stepsPerDay < 2) throw new IllegalArgumentException("encoder.stepsPerDay: must be >= 2");
    }

    public static SigmaDeltaEncoder defaults() { return new SigmaDeltaEncoder(2, 0.5, 32, 8); }

    public int channelCount() { return seriesCount * 2 * maxSpikesPerDay + 7; }

    public int upBase(int series) { return series * 2 * maxSpikesPerDay; }

    public int downBase(int series) { return upBase(series) + maxSpikesPerDay; }

    public int dayOfWeekBase() { return seriesCount * 2 * maxSpikesPerDay; }

    /**
     * Encodes {@code values[series][day]} (already on the log1p scale) for days [0, days); dayOfWeek0 is the ISO
     * day-of-week index (0 = Monday) of day 0. Spikes of day d fall on step d*stepsPerDay (+ j for the j-th quantum
     * is not needed: each quantum has its own neuron, so they share the step).
     */
    public InputSpikes encode(double[][] values, int days, int dayOfWeek0) {
        if (values.length != seriesCount) throw new IllegalArgumentException("sigma-delta: expected " + seriesCount + " series, got " + values.length);
        int[] st = new int[64], ne = new int[64];
        int n = 0;
        double[] recon = new double[seriesCount];
        for (int d = 0; d < days; d++) {
            int step = d * stepsPerDay;
            for (int s = 0; s < seriesCount; s++) {
                double x = values[s][d];
                int j = 0;
                while (x - recon[s] >= delta && j < maxSpikesPerDay) { recon[s] += delta; if (n == st.length) { st = Arrays.copyOf(st, n * 2); ne = Arrays.copyOf(ne, n * 2); } st[n] = step; ne[n++] = upBase(s) + j++; }
                j = 0;
                while (recon[s] - x >= delta && j < maxSpikesPerDay) { recon[s] -= delta; if (n == st.length) { st = Arrays.copyOf(st, n * 2); ne = Arrays.copyOf(ne, n * 2); } st[n] = step; ne[n++] = downBase(s) + j++; }
            }
            if (n == st.length) { st = Arrays.copyOf(st, n * 2); ne = Arrays.copyOf(ne, n * 2); }
            st[n] = step; ne[n++] = dayOfWeekBase() + Math.floorMod(dayOfWeek0 + d, 7);
        }
        return new InputSpikes(Arrays.copyOf(st, n), Arrays.copyOf(ne, n), days * stepsPerDay, channelCount());
    }

    /** The receiver's reconstruction of series s after each day, from the spikes alone (the decoder). */
    public double[] decode(InputSpikes spikes, int series, int days) {
        double[] level = new double[days];
        int[] net = new int[days];
        int up0 = upBase(series), down0 = downBase(series);
        for (int k = 0; k < spikes.size(); k++) {
            int nrn = spikes.neurons()[k], d = spikes.steps()[k] / stepsPerDay;
            if (nrn >= up0 && nrn < up0 + maxSpikesPerDay) net[d]++;
            else if (nrn >= down0 && nrn < down0 + maxSpikesPerDay) net[d]--;
        }
        long acc = 0;
        for (int d = 0; d < days; d++) { acc += net[d]; level[d] = acc * delta; }
        return level;
    }
}
