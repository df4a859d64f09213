package org.neuroracle.bench.validation;

/**
 * The validation statistics simulators are compared on (NetworkUnit, Gutzen et al. 2018; Brette et al. 2007):
 * population firing rate, coefficient of variation of inter-spike intervals, and the mean pairwise Pearson
 * correlation of binned spike counts. All are computed inside the window of a {@link SpikeTrains}, which the
 * caller places after a warm-up so the initial transient does not count.
 */
public final class SpikeStatistics {
    /** A neuron needs this many spikes (two intervals) in the window to contribute a CV. */
    public static final int MIN_SPIKES_FOR_CV = 3;
    /** Bin width for spike-count correlations; 5 ms is short against the rates here and long against dt. */
    public static final double DEFAULT_BIN_MS = 5.0;
    /** At most this many neurons enter the correlation (n(n-1)/2 pairs), chosen evenly across the population. */
    public static final int DEFAULT_CORRELATION_NEURONS = 200;

    private SpikeStatistics() {}

    /**
     * @param population       population name
     * @param neurons          population size
     * @param spikes           spikes in the window
     * @param rateHz           spikes / (neurons * window seconds)
     * @param cvIsi            mean over qualifying neurons of sd(ISI) / mean(ISI); NaN when no neuron qualifies
     * @param cvNeurons        neurons with at least {@link #MIN_SPIKES_FOR_CV} spikes
     * @param correlation      mean pairwise Pearson correlation of binned counts; NaN with fewer than two usable trains
     * @param correlationPairs pairs averaged
     */
    public record PopulationStatistics(String population, int neurons, long spikes, double rateHz, double cvIsi,
                                       int cvNeurons, double correlation, long correlationPairs) {}

    public static PopulationStatistics of(String population, SpikeTrains trains) {
        double cv = 0;
        int cvN = 0;
        for (int i = 0; i < trains.neuronCount(); i++) {
            double c = cvIsi(trains, i);
            if (!Double.isNaN(c)) { cv += c; cvN++; }
        }
        double[] corr = meanPairwiseCorrelation(trains, DEFAULT_BIN_MS, DEFAULT_CORRELATION_NEURONS);
        return new PopulationStatistics(population, trains.neuronCount(), trains.totalSpikes(), meanRateHz(trains),
                cvN == 0 ? Double.NaN : cv / cvN, cvN, corr[0], (long) corr[1]);
    }

    public static double meanRateHz(SpikeTrains t) {
        return t.totalSpikes() / (t.neuronCount() * t.windowSeconds());
    }

    /** CV of the inter-spike intervals of one neuron, or NaN when it has fewer than {@link #MIN_SPIKES_FOR_CV} spikes. */
    public static double cvIsi(SpikeTrains t, int neuron) {
        int n = t.spikeCount(neuron);
        if (n < MIN_SPIKES_FOR_CV) return Double.NaN;
        double sum = 0, sumSq = 0;
        for (int k = 1; k < n; k++) {
            double isi = t.spikeStep(neuron, k) - t.spikeStep(neuron, k - 1);
            sum += isi;
            sumSq += isi * isi;
        }
        int m = n - 1;
        double mean = sum / m;
        double var = Math.max(0, sumSq / m - mean * mean); // population variance of the intervals
        return Math.sqrt(var) / mean;
    }

    /**
     * Mean Pearson correlation over all pairs of up to {@code maxNeurons} active neurons (at least one spike),
     * taken at even strides through the population so the choice is deterministic. Trains with zero variance
     * (constant counts) are skipped: their correlation is undefined.
     *
     * @return {mean correlation (NaN when fewer than two usable trains), number of pairs}
     */
    public static double[] meanPairwiseCorrelation(SpikeTrains t, double binMs, int maxNeurons) {
        int binSteps = Math.max(1, (int) Math.round(binMs / t.dtMs()));
        int bins = (t.toStep() - t.fromStep()) / binSteps;
        if (bins < 2) return new double[]{Double.NaN, 0};
        int active = 0;
        for (int i = 0; i < t.neuronCount(); i++) if (t.spikeCount(i) > 0) active++;
        int[] activeIdx = new int[active];
        for (int i = 0, a = 0; i < t.neuronCount(); i++) if (t.spikeCount(i) > 0) activeIdx[a++] = i;
        int chosen = Math.min(active, maxNeurons);
        double[][] z = new double[chosen][];
        int usable = 0;
        for (int c = 0; c < chosen; c++) {
            int neuron = activeIdx[(int) ((long) c * active / chosen)];
            double[] counts = new double[bins];
            for (int k = 0; k < t.spikeCount(neuron); k++) {
                int b = (t.spikeStep(neuron, k) - t.fromStep()) / binSteps;
                if (b < bins) counts[b]++;
            }
            double mean = 0;
            for (double x : counts) mean += x;
            mean /= bins;
            double ss = 0;
            for (int b = 0; b < bins; b++) { counts[b] -= mean; ss += counts[b] * counts[b]; }
            if (ss == 0) continue;
            double norm = 1 / Math.sqrt(ss);
            for (int b = 0; b < bins; b++) counts[b] *= norm;
            z[usable++] = counts;
        }
        if (usable < 2) return new double[]{Double.NaN, 0};
        // The sum over pairs a < b of z_a . z_b is (|sum_a z_a|^2 - sum_a |z_a|^2) / 2: one pass over the trains
        // instead of one per pair (200 trains of 30,000 bins, 100 s of one population: 6 M multiply-adds, not 600 M).
        // Equal to the pairwise sum up to rounding; the terms do not cancel badly (|z_a| = 1, and the pair sum is
        // n (n - 1) / 2 times the mean correlation).
        final double[] total = new double[bins];
        double selfDots = 0;
        for (int a = 0; a < usable; a++) {
            final double[] x = z[a];
            for (int k = 0; k < bins; k++) { total[k] += x[k]; selfDots += x[k] * x[k]; }
        }
        double all = 0;
        for (double x : total) all += x * x;
        final long pairs = (long) usable * (usable - 1) / 2;
        return new double[]{(all - selfDots) / 2 / pairs, pairs};
    }
}
