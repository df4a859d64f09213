package org.neuroracle.hw;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;

/**
 * The work a simulation did, counted as NeuroBench defines it (Yik et al., Nat Commun 16:1545, 2025):
 * <ul>
 * <li>{@code synapticOps}: effective synaptic operations (accumulates), one per spike per existing synapse;</li>
 * <li>{@code membraneUpdates}: neuron updates performed (a backend may skip a neuron whose state is zero with no
 *     input, so this can be below {@code neuronSteps});</li>
 * <li>{@code spikes}: spikes emitted, sources included;</li>
 * <li>{@code activationSparsity}: 1 - spikes / (all neurons x steps), the share of zero neuron outputs;</li>
 * <li>{@code connectionSparsity}: 1 - synapses / (pre x post summed over projections);</li>
 * <li>{@code footprintBytes}: parameters plus buffers: per synapse its weight (1 byte fixed-point, 4 float), a
 *     4-byte target and, where a projection has delays above one step, a 2-byte delay; 4 bytes per CSR row
 *     pointer; 4 bytes per state variable per neuron; the delay ring of (max delay + 1) slots x channels x
 *     neurons x 4 bytes.</li>
 * </ul>
 * {@code neuronSteps} counts non-source neurons x steps, the updates a clocked chip performs.
 */
public record Workload(String network, long steps, double dtMs, long neurons, long neuronSteps, long spikes,
                       long synapticOps, long membraneUpdates, double activationSparsity, double connectionSparsity,
                       long footprintBytes) {
    public Workload {
        if (steps < 0 || neurons < 0 || spikes < 0 || synapticOps < 0 || membraneUpdates < 0)
            throw new IllegalArgumentException("workload counts must be >= 0");
        if (!(dtMs > 0)) throw new IllegalArgumentException("workload dt_ms must be > 0, got " + dtMs);
    }

    public static Workload of(Network network, Counters counters) { return shape(network).with(counters); }

    /** What a workload takes from its network alone (sizes, synapses, footprint), computed once per network. */
    public static Shape shape(Network network) {
        long neurons = 0, allNeurons = 0, footprint = 0;
        int ring = network.maxDelaySteps() + 1;
        for (Population p : network.populations()) {
            allNeurons += p.size();
            if (p.model().isSource()) continue;
            neurons += p.size();
            footprint += 4L * p.model().stateVariables().size() * p.size();
            footprint += 4L * ring * p.model().channels() * p.size();
        }
        double dense = 0, synapses = 0;
        boolean fixed = network.mode() == NumericMode.FIXED;
        for (Projection pr : network.projections()) {
            long n = pr.synapseCount();
            synapses += n;
            dense += (double) pr.preSize() * network.populations().get(pr.post()).size();
            footprint += n * ((fixed ? 1 : 4) + 4 + (pr.maxDelaySteps() > 1 ? 2 : 0)) + 4L * (pr.preSize() + 1);
        }
        double connection = dense == 0 ? 1.0 : 1.0 - synapses / dense;
        return new Shape(network, neurons, allNeurons, footprint, connection);
    }

    /**
     * The network's part of a workload: a served forecaster runs the same network every time, so its delay and
     * synapse scans need not be repeated per run.
     */
    public record Shape(Network network, long neurons, long allNeurons, long footprintBytes, double connectionSparsity) {
        public Workload with(Counters counters) {
            long steps = counters.steps();
            long spikes = counters.totalSpikes();
            double outputs = (double) allNeurons * steps;
            double activation = outputs == 0 ? 1.0 : 1.0 - spikes / outputs;
            return new Workload(network.name(), steps, network.dtMs(), neurons, neurons * steps, spikes,
                    counters.totalSynapticOps(), counters.totalMembraneUpdates(), activation, connectionSparsity, footprintBytes);
        }
    }

    /** Simulated (biological) time covered, in seconds. */
    public double modelSeconds() { return steps * dtMs * 1e-3; }
}
