package org.neuroracle.daoserver;

import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeProbe;
import org.neuroracle.snn.model.SpikeSourceArray;

/**
 * The cost of one simulation request, estimated from the built network before anything is compiled, and checked
 * again against the running counters while it runs. Bounding neurons, synapses and steps alone does not bound the
 * work: 20,000 Poisson sources at 1 GHz with no synapses at all emit 2 x 10^8 spikes in 10,000 steps. So five
 * budgets are checked, each refused with 422 naming the field that drives it:
 * <ul>
 *   <li>neuron-steps: neurons x steps, the membrane updates of a dense run ({@code steps});</li>
 *   <li>synaptic events: expected source spikes x their fan-out, plus background input events ({@code network.projections[i]});</li>
 *   <li>digest spikes: expected source spikes of the recorded populations ({@code network.populations[i]}); each is
 *       sorted and hashed into the digest, kept or not (work);</li>
 *   <li>kept spikes: the same spikes, charged only when they stay in memory until the answer, i.e. when the raster
 *       is returned (or the backend cannot drain them); otherwise they stream into the digest chunk by chunk;</li>
 *   <li>delay-ring memory: neurons x channels x (max delay + 1) x 4 bytes ({@code network.projections[i].delay_steps}).</li>
 * </ul>
 * Spikes of model neurons cannot be known before running; {@link #checkRunning} catches those between chunks.
 */
final class SimulationBudget {
    private final ServerConfig config;

    SimulationBudget(ServerConfig config) { this.config = config; }

    /** What the estimate found; the numbers are also reported in the answer. */
    record Estimate(long neuronSteps, double synapticEvents, double recordedSpikes, long delayRingBytes) {}

    /**
     * {@code builtin}: the request named a built-in network (so every field is {@code builtin}); {@code kept}: the
     * recorded spikes stay in memory until the answer (charged to maxSimRecordedSpikes), not only hashed.
     */
    Estimate check(Network net, int steps, boolean builtin, boolean kept) {
        long neuronSteps = (long) net.neuronCount() * steps;
        if (neuronSteps > config.maxSimNeuronSteps())
            throw Problem.unprocessable("steps", "steps: " + net.neuronCount() + " neurons x " + steps + " steps = " + neuronSteps
                    + " neuron-steps; this node allows at most maxSimNeuronSteps = " + config.maxSimNeuronSteps());

        double dtMs = net.dtMs();
        int np = net.populations().size();
        double[] sourceSpikes = new double[np];
        for (int p = 0; p < np; p++) {
            Population pop = net.populations().get(p);
            if (pop.model() instanceof PoissonSource ps) sourceSpikes[p] = (double) pop.size() * steps * Math.min(1.0, ps.rateHz() * dtMs / 1000.0);
            else if (pop.model() instanceof SpikeSourceArray sa) {
                long n = 0;
                for (int s : sa.steps()) if (s < steps) n++;
                sourceSpikes[p] = n;
            }
        }

        double recorded = 0, worstRecorded = -1;
        int worstPop = -1;
        for (int p = 0; p < np; p++) {
            if (!net.records(p) || sourceSpikes[p] == 0) continue;
            double share = recordedShare(net, p);
            double r = sourceSpikes[p] * share;
            recorded += r;
            if (r > worstRecorded) { worstRecorded = r; worstPop = p; }
        }
        String popField = builtin ? "builtin" : "network.populations[" + worstPop + "]";
        if (kept && recorded > config.maxSimRecordedSpikes())
            throw Problem.unprocessable(popField, popField
                    + ": the sources would emit about " + (long) recorded + " recorded spikes in " + steps
                    + " steps; this node keeps at most maxSimRecordedSpikes = " + config.maxSimRecordedSpikes()
                    + " for a returned raster (lower the rate, the size or steps, record fewer neurons with spike probes, or leave out record)");
        if (recorded > config.maxSimDigestSpikes())
            throw Problem.unprocessable(popField, popField
                    + ": the sources would emit about " + (long) recorded + " recorded spikes in " + steps
                    + " steps; this node hashes at most maxSimDigestSpikes = " + config.maxSimDigestSpikes()
                    + " into a digest (lower the rate, the size or steps, or record fewer neurons with spike probes)");

        double events = 0, worstEvents = -1;
        String worstField = builtin ? "builtin" : "network";
        for (int j = 0; j < net.projections().size(); j++) {
            Projection pr = net.projections().get(j);
            int preSize = net.populations().get(pr.pre()).size();
            if (sourceSpikes[pr.pre()] == 0 || preSize == 0) continue;
            double e = sourceSpikes[pr.pre()] * ((double) pr.synapseCount() / preSize);
            events += e;
            if (e > worstEvents) { worstEvents = e; if (!builtin) worstField = "network.projections[" + j + "]"; }
        }
        for (int b = 0; b < net.backgroundInputs().size(); b++) {
            BackgroundInput in = net.backgroundInputs().get(b);
            double e = (double) net.populations().get(in.population()).size() * steps * Math.min(1.0, in.rateHz() * dtMs / 1000.0);
            events += e;
            if (e > worstEvents) { worstEvents = e; if (!builtin) worstField = "network"; }
        }
        if (events > config.maxSimSynapticOps())
            throw Problem.unprocessable(worstField, worstField + ": the source spikes would cause about " + (long) events
                    + " synaptic events in " + steps + " steps; this node allows at most maxSimSynapticOps = " + config.maxSimSynapticOps());

        int slots = net.maxDelaySteps() + 1;
        long ringBytes = 0;
        for (Population pop : net.populations()) ringBytes += (long) pop.size() * Math.max(1, pop.model().channels()) * slots * 4L;
        if (ringBytes > config.maxSimDelayRingBytes()) {
            String f = "builtin";
            if (!builtin) {
                int worst = 0;
                for (int j = 0; j < net.projections().size(); j++)
                    if (net.projections().get(j).maxDelaySteps() > net.projections().get(worst).maxDelaySteps()) worst = j;
                f = "network.projections[" + worst + "].delay_steps";
            }
            throw Problem.unprocessable(f, f + ": a longest delay of " + net.maxDelaySteps() + " steps needs delay rings of "
                    + ringBytes + " bytes for " + net.neuronCount() + " neurons; this node allows at most maxSimDelayRingBytes = "
                    + config.maxSimDelayRingBytes());
        }
        return new Estimate(neuronSteps, events, recorded, ringBytes);
    }

    /** Fraction of population p's neurons that spike probes record (1 with no probes or a whole-population probe). */
    private static double recordedShare(Network net, int p) {
        if (net.spikeProbes().isEmpty()) return 1.0;
        int size = net.populations().get(p).size();
        java.util.BitSet on = new java.util.BitSet(size);
        for (SpikeProbe sp : net.spikeProbes()) {
            if (sp.population() != p) continue;
            if (sp.neurons() == null) return 1.0;
            for (int n : sp.neurons()) on.set(n);
        }
        return size == 0 ? 0 : on.cardinality() / (double) size;
    }

    /**
     * Between chunks of a run: cancels it (422) when the counters are over the budgets or the deadline has passed.
     * Recorded spikes are counted per recorded population (an upper bound when probes pick single neurons); they are
     * charged to maxSimRecordedSpikes only when {@code kept}, and always to maxSimDigestSpikes.
     */
    void checkRunning(Network net, Counters c, long stepsDone, int steps, long deadlineNanos, boolean builtin, boolean kept) {
        String f = builtin ? "builtin" : "network";
        if (c.totalSynapticOps() > config.maxSimSynapticOps())
            throw Problem.unprocessable(f, f + ": cancelled after " + stepsDone + " of " + steps + " steps: " + c.totalSynapticOps()
                    + " synaptic events, over maxSimSynapticOps = " + config.maxSimSynapticOps());
        long recorded = 0;
        for (int p = 0; p < c.spikes().length; p++) if (net.records(p)) recorded += c.spikes()[p];
        if (kept && recorded > config.maxSimRecordedSpikes())
            throw Problem.unprocessable(f, f + ": cancelled after " + stepsDone + " of " + steps + " steps: " + recorded
                    + " recorded spikes, over maxSimRecordedSpikes = " + config.maxSimRecordedSpikes());
        if (recorded > config.maxSimDigestSpikes())
            throw Problem.unprocessable(f, f + ": cancelled after " + stepsDone + " of " + steps + " steps: " + recorded
                    + " recorded spikes hashed, over maxSimDigestSpikes = " + config.maxSimDigestSpikes());
        if (System.nanoTime() - deadlineNanos > 0)
            throw Problem.unprocessable("steps", "steps: cancelled after " + stepsDone + " of " + steps
                    + " steps at the node's deadline of simDeadlineMs = " + config.simDeadlineMs() + " ms per run");
    }
}
