package org.neuroracle.adapters;

import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.CurrentInput;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.rng.PoissonTable;
import org.neuroracle.snn.rng.Streams;

/**
 * A network loaded onto a board through the C ABI. Owns its board handle and (when it opened it) the library;
 * close releases both. Random draws use the same Philox streams as the cpu backend, and the host computes the
 * Poisson tables, so a conforming board reproduces cpu results bit for bit.
 */
public final class BoardSimulation implements Simulation {
    private final Network network;
    private final BoardLibrary ownedLibrary;
    private final NativeBoard board;

    /** Load {@code network} onto {@code board}; {@code ownedLibrary} (nullable) is closed with this simulation. */
    public BoardSimulation(Network network, NativeBoard board, BoardLibrary ownedLibrary) {
        this.network = network;
        this.board = board;
        this.ownedLibrary = ownedLibrary;
        load(network, board);
    }

    /** Send a network through the ABI's loading calls (begin, populations, initial state, projections, inputs, end). */
    public static void load(Network network, NativeBoard board) {
        if (!network.stateProbes().isEmpty())
            throw new BackendException("board backends do not sample state probes; read state after run() instead");
        board.beginNetwork(network.maxDelaySteps(), network.seed());
        double dtMs = network.dtMs();
        for (int p = 0; p < network.populations().size(); p++) {
            Population pop = network.populations().get(p);
            boolean record = network.records(p);
            switch (pop.model()) {
                case CubaLifFixed m -> {
                    board.addLifPopulation(pop.size(), m.du(), m.dv(), m.vth(), m.biasMant(), m.biasExp(), m.refractorySteps(), record);
                    for (String var : m.stateVariables()) {
                        double[] init = pop.initialValues(var);
                        if (init == null) continue;
                        int[] values = new int[init.length];
                        for (int i = 0; i < values.length; i++) values[i] = (int) init[i];
                        board.setInitial(p, var, values);
                    }
                }
                case SpikeSourceArray s -> board.addSpikeSource(pop.size(), s.steps(), s.neurons(), record);
                case PoissonSource s -> board.addPoissonSource(pop.size(), Streams.POISSON_SOURCE + p,
                        PoissonTable.bernoulliThreshold(s.rateHz() * dtMs / 1000.0), record);
                default -> throw new BackendException("population '" + pop.name() + "': model " + pop.model().id() + " cannot run on a board (cuba-lif-fixed and sources only)");
            }
        }
        for (Projection pr : network.projections()) {
            if (!pr.isFixed()) throw new BackendException("projection '" + pr.name() + "': float weights; boards take integer weights (quantise first)");
            board.addProjection(pr.pre(), pr.post(), pr.channel(), pr.rowPtr(), pr.targets(), pr.weightMantissas(), pr.weightExp(), pr.delaySteps());
        }
        for (int b = 0; b < network.backgroundInputs().size(); b++) {
            BackgroundInput in = network.backgroundInputs().get(b);
            board.addBackground(in.population(), in.channel(), Streams.BACKGROUND + b, in.weightFixed(),
                    PoissonTable.cdfThresholds(in.rateHz() * dtMs / 1000.0));
        }
        for (CurrentInput c : network.currentInputs())
            board.addCurrent(c.population(), c.channel(), c.fromStep(), c.toStep(), (int) c.amplitude());
        board.endNetwork();
    }

    public NativeBoard board() { return board; }

    @Override public Network network() { return network; }

    @Override public void run(int steps) {
        Simulation.endOfRun(board.currentStep(), steps);
        board.run(steps);
    }

    @Override public long currentStep() { return board.currentStep(); }

    @Override public void inject(int population, int neuron, int step) { inject(population, new int[]{neuron}, new int[]{step}); }

    @Override public void inject(int population, int[] neurons, int[] steps) {
        if (neurons.length != steps.length) throw new IllegalArgumentException("inject: neurons and steps differ in length");
        board.inject(population, neurons, steps);
    }

    @Override public SpikeRaster spikes() {
        long total = board.spikeCount();
        if (total > Integer.MAX_VALUE) throw new BackendException("more than 2^31 recorded spikes");
        int[][] r = board.readSpikes(0, (int) total);
        int[] s = r[0], p = r[1], n = r[2];
        return SpikeRaster.probed(network, s, p, n, (int) total);
    }

    @Override public double[] state(int population, String variable) {
        if (population < 0 || population >= network.populations().size())
            throw new IllegalArgumentException("state: no population with index " + population);
        Population pop = network.populations().get(population);
        if (!pop.model().stateVariables().contains(variable))
            throw new IllegalArgumentException("population '" + pop.name() + "' (" + pop.model().id() + ") has no state variable '"
                    + variable + "'; it has " + pop.model().stateVariables());
        int[] values = board.readState(population, variable, pop.size());
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i];
        return out;
    }

    @Override public StateSamples samples(int probeIndex) {
        throw new IllegalArgumentException("samples: board backends record no state probes (the network has none)");
    }

    @Override public Counters counters() {
        int np = network.populations().size();
        long[] spikes = new long[np], ops = new long[np], updates = new long[np];
        for (int p = 0; p < np; p++) {
            long[] c = board.readCounters(p);
            spikes[p] = c[0];
            ops[p] = c[1];
            updates[p] = c[2];
        }
        return new Counters(board.currentStep(), spikes, ops, updates);
    }

    @Override public void reset() { board.reset(); }

    @Override public void close() {
        try {
            board.close();
        } finally {
            if (ownedLibrary != null) ownedLibrary.close();
        }
    }
}
