package org.neuroracle.bench.runner;

import org.neuroracle.bench.validation.SpikeStatistics.PopulationStatistics;
import org.neuroracle.bench.validation.Validation.Check;

import java.util.List;

/**
 * One timed run of one network on one simulator. {@code wallSeconds} covers the simulation loop only (not network
 * construction or compilation, reported apart); synaptic events are spikes times their existing out-synapses.
 *
 * @param threads  host threads requested (0: the backend chose)
 * @param backend  Neuroracle backend name, or {@code brian2} for the comparison run
 * @param device   what ran it, in words
 * @param cpuSeconds CPU time (user + system, all threads) spent while {@code wallSeconds} ran: on a shared machine
 *                 it shows how much of the wall time was ours (Brian2: its binary, including loading and writing)
 * @param energy   one estimate per requested hardware profile (empty when none was asked for or none is available)
 */
public record RunResult(String network, String backend, String device, long seed, int threads, int neurons, long synapses,
                        double bioSeconds, double setupSeconds, double wallSeconds, double cpuSeconds, long spikes, long synapticEvents,
                        List<PopulationStatistics> populations, List<Check> checks, boolean validationPass,
                        List<Energy> energy, SpikeSample raster) {
    /** pass, fail, or "no reference" for a network without published ranges. */
    public String validationStatus() { return checks.isEmpty() ? "no reference" : validationPass ? "pass" : "fail"; }

    public double secondsPerBioSecond() { return wallSeconds / bioSeconds; }
    public double synapticEventsPerSecond() { return synapticEvents / wallSeconds; }
    public double meanRateHz() {
        long n = 0;
        double s = 0;
        for (PopulationStatistics p : populations) { s += p.rateHz() * p.neurons(); n += p.neurons(); }
        return n == 0 ? Double.NaN : s / n;
    }

    public RunResult withEnergy(List<Energy> e) {
        return new RunResult(network, backend, device, seed, threads, neurons, synapses, bioSeconds, setupSeconds, wallSeconds, cpuSeconds,
                spikes, synapticEvents, populations, checks, validationPass, List.copyOf(e), raster);
    }

    /**
     * An energy estimate for one hardware profile; NaN parts are unknown (the profile does not publish the
     * figure) and {@code missing} says why; {@code totalJoules} is NaN unless the estimate is complete; {@code lowerJoules}/{@code upperJoules} bound the total (NaN upper:
     * unbounded); {@code complete} when nothing is missing. {@code kind}/{@code boundary} are null when nothing
     * could be estimated; {@code wallSource} says where the time step came from (the profile, or this run).
     */
    public record Energy(String profile, double dynamicJoules, double idleJoules, double totalJoules, double lowerJoules,
                         double upperJoules, boolean complete, String kind, String boundary, String wallSource,
                         List<String> sources, List<String> missing) {}

    /**
     * Spikes kept for plots: a bounded sample (global neuron index over all populations, time in ms) and every
     * neuron's rate in Hz over the analysis window.
     */
    public record SpikeSample(int[] neuron, float[] timeMs, double[] neuronRatesHz, int[] populationStarts, List<String> populationNames) {}
}
