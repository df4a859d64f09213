package org.neuroracle.kernels;

import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.InjectionQueue;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.CurrentInput;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.LeakyMembrane;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeProbe;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.rng.PoissonTable;
import org.neuroracle.snn.rng.Streams;

import java.util.Arrays;
import java.util.List;

/**
 * A network as the device sees it: every buffer's host-side contents (the *Layout classes say what each word
 * means), built in plain Java so it can be tested without OpenCL. OpenClSimulation only uploads these arrays.
 */
final class DeviceImage {
    /**
     * Records the device buffer holds (12 bytes each): with 2^22, a 4,000-neuron network runs 1,048 steps per
     * launch, so bench's 1,000-step run calls take one launch and one drain each instead of four. Every launch
     * and blocking read hands the work between the host thread and a PoCL worker thread, and on a loaded 2-core
     * host each wake-up waits on the run queue (kernels/README.md). Only the pages a batch writes are touched.
     */
    static final int RECORD_CAPACITY_MIN = 1 << 22;

    final Network network;
    final boolean fixed;
    final StateLayout layout;
    /** Work-group size of update_all; a population's work-groups hold only its neurons. */
    final int localSize;
    final int[] params;
    final float[] fparams;
    final int[] drives, tables;
    /** PopulationLayout rows. */
    final int[] popTable;
    /** Population of each neuron work-group of update_all. */
    final int[] groupPop;
    /** Initial state: int words in fixed-point networks, floats otherwise (the other is null). */
    final int[] initialInt;
    final float[] initialFloat;
    /** Merged CSR: one row per global neuron with every projection leaving its population, in network order. */
    final int[] rowPtr, synLane, synDelay, synWeight;
    final int[] recordFlags;
    final int recordedNeurons, recordCapacity, batchSteps;
    final int seedLo, seedHi;
    /** Work-groups of update_all that update neurons (the external spikes of a step get groups after them). */
    final int neuronGroups;

    DeviceImage(Network network, int localSize) {
        this.network = network;
        this.fixed = network.mode() == NumericMode.FIXED;
        this.layout = new StateLayout(network);
        this.localSize = localSize;
        List<Population> ps = network.populations();
        int np = ps.size();
        seedLo = (int) network.seed();
        seedHi = (int) (network.seed() >>> 32);

        params = new int[Math.max(1, np * ParamLayout.FIXED_STRIDE)];
        fparams = new float[Math.max(1, np * ParamLayout.FLOAT_STRIDE)];
        for (int p = 0; p < np; p++) fillParams(ps.get(p), p);

        popTable = new int[Math.max(1, np * PopulationLayout.STRIDE)];
        IntList driveList = new IntList(), tableList = new IntList();
        buildDrives(driveList, tableList);
        drives = driveList.toArrayAtLeastOne();
        tables = tableList.toArrayAtLeastOne();
        int groups = 0;
        for (int p = 0; p < np; p++) {
            Population pop = ps.get(p);
            int r = p * PopulationLayout.STRIDE;
            popTable[r + PopulationLayout.KIND] = kindOf(pop);
            popTable[r + PopulationLayout.SIZE] = pop.size();
            popTable[r + PopulationLayout.NEURON_BASE] = layout.neuronBase[p];
            popTable[r + PopulationLayout.LANE_BASE] = layout.laneBase[p];
            popTable[r + PopulationLayout.STATE_BASE] = layout.stateBase[p];
            popTable[r + PopulationLayout.PARAM_BASE] = p * (fixed ? ParamLayout.FIXED_STRIDE : ParamLayout.FLOAT_STRIDE);
            if (pop.model() instanceof PoissonSource src) {
                popTable[r + PopulationLayout.STREAM] = Streams.POISSON_SOURCE + p;
                popTable[r + PopulationLayout.THRESHOLD] = PoissonTable.bernoulliThreshold(src.rateHz() * network.dtMs() / 1000.0);
            }
            int g = pop.model() instanceof SpikeSourceArray ? 0 : (pop.size() + localSize - 1) / localSize;
            popTable[r + PopulationLayout.GROUP_BASE] = groups;
            popTable[r + PopulationLayout.GROUPS] = g;
            groups += g;
        }
        neuronGroups = groups;
        groupPop = new int[Math.max(1, groups)];
        for (int p = 0; p < np; p++) {
            int r = p * PopulationLayout.STRIDE;
            Arrays.fill(groupPop, popTable[r + PopulationLayout.GROUP_BASE],
                    popTable[r + PopulationLayout.GROUP_BASE] + popTable[r + PopulationLayout.GROUPS], p);
        }

        initialInt = fixed ? new int[Math.max(1, layout.totalState)] : null;
        initialFloat = fixed ? null : new float[Math.max(1, layout.totalState)];
        for (int p = 0; p < np; p++) fillInitial(ps.get(p), p);

        rowPtr = new int[layout.totalNeurons + 1];
        for (Projection pr : network.projections()) {
            int base = layout.neuronBase[pr.pre()];
            for (int i = 0; i < pr.preSize(); i++) rowPtr[base + i + 1] += pr.rowPtr()[i + 1] - pr.rowPtr()[i];
        }
        long totalSyn = 0;
        for (int g = 0; g < layout.totalNeurons; g++) {
            totalSyn += rowPtr[g + 1];
            if (totalSyn > Integer.MAX_VALUE) throw new BackendException("network '" + network.name() + "' has more than 2^31-1 synapses; the opencl backend uses 32-bit indices");
            rowPtr[g + 1] = (int) totalSyn;
        }
        int nSyn = (int) totalSyn;
        synLane = new int[Math.max(1, nSyn)];
        synDelay = new int[Math.max(1, nSyn)];
        synWeight = new int[Math.max(1, nSyn)];
        int[] fill = Arrays.copyOf(rowPtr, layout.totalNeurons);
        for (Projection pr : network.projections()) {
            int base = layout.neuronBase[pr.pre()];
            int postSize = ps.get(pr.post()).size();
            int laneOff = layout.laneBase[pr.post()] + pr.channel() * postSize;
            int[] rp = pr.rowPtr(), tg = pr.targets(), dl = pr.delaySteps();
            for (int i = 0; i < pr.preSize(); i++) {
                int w = fill[base + i];
                for (int k = rp[i]; k < rp[i + 1]; k++, w++) {
                    synLane[w] = laneOff + tg[k];
                    synDelay[w] = dl[k];
                    synWeight[w] = pr.isFixed() ? pr.effectiveWeight(k) : Float.floatToRawIntBits(pr.weights()[k]);
                }
                fill[base + i] = w;
            }
        }

        recordFlags = new int[Math.max(1, layout.totalNeurons)];
        for (int p = 0; p < np; p++) {
            int from = layout.neuronBase[p], to = from + ps.get(p).size();
            if (network.spikeProbes().isEmpty()) Arrays.fill(recordFlags, from, to, 1);
            for (SpikeProbe sp : network.spikeProbes()) {
                if (sp.population() != p) continue;
                if (sp.neurons() == null) Arrays.fill(recordFlags, from, to, 1);
                else for (int n : sp.neurons()) recordFlags[from + n] = 1;
            }
        }
        int recorded = 0;
        for (int g = 0; g < layout.totalNeurons; g++) recorded += recordFlags[g];
        recordedNeurons = recorded;
        recordCapacity = Math.max(RECORD_CAPACITY_MIN, recordedNeurons);
        batchSteps = Math.max(1, recordCapacity / Math.max(1, recordedNeurons));
    }

    static int kindOf(Population pop) {
        return switch (pop.model()) {
            case CubaLifFixed m -> PopulationLayout.KIND_CUBA_LIF_FIXED;
            case Lif m -> PopulationLayout.KIND_LIF;
            case Alif m -> PopulationLayout.KIND_ALIF;
            case Izhikevich m -> PopulationLayout.KIND_IZHIKEVICH;
            case PoissonSource s -> PopulationLayout.KIND_POISSON;
            case SpikeSourceArray s -> PopulationLayout.KIND_SPIKE_ARRAY;
        };
    }

    /**
     * The host-given spikes of steps [from, to), sorted by step (ExternalLayout entries; {@code steps[e]} is entry
     * e's step): spike-source-array spikes (counted, recorded; a neuron at most once per step, as the reference)
     * then the injections, both in canonical order within a step.
     */
    record External(int[] entries, int[] steps, int maxPerStep) {
        int count() { return steps.length; }

        /** First entry of step {@code t} or later. */
        int first(int t) {
            int lo = 0, hi = steps.length;
            while (lo < hi) { int mid = (lo + hi) >>> 1; if (steps[mid] < t) lo = mid + 1; else hi = mid; }
            return lo;
        }
    }

    External external(int from, int to, InjectionQueue injections) {
        List<Population> ps = network.populations();
        IntList entries = new IntList(), entrySteps = new IntList();
        for (int p = 0; p < ps.size(); p++) {
            if (!(ps.get(p).model() instanceof SpikeSourceArray s)) continue;
            int k = lowerBound(s, from), lastStep = -1, lastNeuron = -1;
            for (; k < s.spikeCount() && s.stepAt(k) < to; k++) {
                int t = s.stepAt(k), i = s.neuronAt(k);
                if (i >= ps.get(p).size()) throw new BackendException("population '" + ps.get(p).name() + "': spike " + k
                        + " names neuron " + i + " but the population has " + ps.get(p).size());
                if (t == lastStep && i == lastNeuron) continue;
                lastStep = t;
                lastNeuron = i;
                entrySteps.add(t);
                entries.add(layout.neuronBase[p] + i).add(p).add(i).add(1);
            }
        }
        long[] keys = injections.keys();
        for (int q = injections.first(from); q < keys.length && InjectionQueue.stepOf(keys[q]) < to; q++) {
            int p = InjectionQueue.populationOf(keys[q]), i = InjectionQueue.neuronOf(keys[q]);
            entrySteps.add(InjectionQueue.stepOf(keys[q]));
            entries.add(layout.neuronBase[p] + i).add(p).add(i).add(0);
        }
        int n = entrySteps.size;
        long[] order = new long[n];
        for (int e = 0; e < n; e++) order[e] = ((long) entrySteps.a[e] << 32) | e;
        Arrays.sort(order);
        int[] sorted = new int[n * ExternalLayout.STRIDE], steps = new int[n];
        int maxPerStep = 0, run = 0, prev = -1;
        for (int q = 0; q < n; q++) {
            int e = (int) order[q];
            steps[q] = (int) (order[q] >>> 32);
            System.arraycopy(entries.a, e * ExternalLayout.STRIDE, sorted, q * ExternalLayout.STRIDE, ExternalLayout.STRIDE);
            run = steps[q] == prev ? run + 1 : 1;
            prev = steps[q];
            maxPerStep = Math.max(maxPerStep, run);
        }
        return new External(sorted, steps, maxPerStep);
    }

    private static int lowerBound(SpikeSourceArray s, int t) {
        int lo = 0, hi = s.spikeCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.stepAt(mid) < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void fillParams(Population pop, int p) {
        double dt = network.dtMs();
        switch (pop.model()) {
            case CubaLifFixed m -> {
                int b = p * ParamLayout.FIXED_STRIDE;
                params[b + ParamLayout.FP_CHANNELS] = m.channels();
                params[b + ParamLayout.FP_DV] = m.dv();
                params[b + ParamLayout.FP_VTH] = m.vth();
                params[b + ParamLayout.FP_BIAS] = m.bias();
                params[b + ParamLayout.FP_REFRACTORY] = m.refractorySteps();
                for (int c = 0; c < m.channels(); c++) params[b + ParamLayout.FP_DU + c] = m.du(c);
            }
            case Lif m -> lifParams(fparams, p, dt, m, m.vResetMv(), m.vThresholdMv(), m.biasMv(), 0, 1, m.integration());
            case Alif m -> lifParams(fparams, p, dt, m, m.vResetMv(), m.vThresholdMv(), m.biasMv(), m.betaMv(),
                    m.adaptationDecay(dt), m.integration());
            case Izhikevich m -> {
                int b = p * ParamLayout.FLOAT_STRIDE;
                fparams[b + ParamLayout.FLP_CHANNELS] = m.channels();
                fparams[b + ParamLayout.FLP_IZ_A] = (float) m.a();
                fparams[b + ParamLayout.FLP_IZ_B] = (float) m.b();
                fparams[b + ParamLayout.FLP_IZ_C] = (float) m.c();
                fparams[b + ParamLayout.FLP_IZ_D] = (float) m.d();
                fparams[b + ParamLayout.FLP_IZ_BIAS] = (float) m.bias();
                fparams[b + ParamLayout.FLP_IZ_DT] = (float) dt;
                for (int c = 0; c < m.channels(); c++)
                    channelParams(fparams, b, c, m.synapses().get(c), (float) m.synapticDecay(c, dt), 0f);
            }
            default -> { }
        }
    }

    /**
     * The model's own factors ({@link LeakyMembrane}: the double expressions every backend reads), rounded to float
     * once, exactly as the reference backend rounds them.
     */
    private static void lifParams(float[] fp, int p, double dt, LeakyMembrane m, double vReset, double vTh, double bias,
                                  double beta, double decayAdapt, Integration integration) {
        int b = p * ParamLayout.FLOAT_STRIDE;
        List<Synapse> syn = m.synapses();
        fp[b + ParamLayout.FLP_CHANNELS] = syn.size();
        fp[b + ParamLayout.FLP_V_REST] = (float) m.vRestMv();
        fp[b + ParamLayout.FLP_V_RESET] = (float) vReset;
        fp[b + ParamLayout.FLP_V_TH] = (float) vTh;
        fp[b + ParamLayout.FLP_BIAS] = (float) bias;
        fp[b + ParamLayout.FLP_DT_OVER_TAU] = (float) (dt / m.tauMembraneMs());
        fp[b + ParamLayout.FLP_DECAY_M] = (float) m.membraneDecay(dt);
        fp[b + ParamLayout.FLP_ONE_MINUS_DECAY_M] = (float) m.membraneGain(dt);
        fp[b + ParamLayout.FLP_REFRACTORY] = m.refractorySteps(dt);
        fp[b + ParamLayout.FLP_BETA] = (float) beta;
        fp[b + ParamLayout.FLP_DECAY_A] = (float) decayAdapt;
        fp[b + ParamLayout.FLP_EXACT] = integration == Integration.EXACT ? 1 : 0;
        boolean anyCond = false;
        for (Synapse s : syn) anyCond |= kindCode(s) == ParamLayout.SYN_CONDUCTANCE;
        fp[b + ParamLayout.FLP_ANY_CONDUCTANCE] = anyCond ? 1 : 0;
        for (int c = 0; c < syn.size(); c++) {
            boolean delta = kindCode(syn.get(c)) == ParamLayout.SYN_DELTA;
            channelParams(fp, b, c, syn.get(c), (float) m.synapticDecay(c, dt), delta ? 0f : (float) m.synapticPropagator(c, dt));
        }
    }

    private static void channelParams(float[] fp, int b, int c, Synapse s, float decay, float propagator) {
        int kind = kindCode(s);
        int cb = b + ParamLayout.FLP_CH + c * ParamLayout.FLP_CH_STRIDE;
        fp[cb + ParamLayout.CH_DECAY] = kind == ParamLayout.SYN_DELTA ? 0f : decay;
        fp[cb + ParamLayout.CH_PROPAGATOR] = kind == ParamLayout.SYN_DELTA ? 0f : propagator;
        fp[cb + ParamLayout.CH_REVERSAL] = (float) s.reversalMv();
        fp[cb + ParamLayout.CH_KIND] = kind;
    }

    /** By name, so the backend works whether or not the model knows delta synapses. */
    private static int kindCode(Synapse s) {
        return switch (s.kind().name()) {
            case "CURRENT" -> ParamLayout.SYN_CURRENT;
            case "CONDUCTANCE" -> ParamLayout.SYN_CONDUCTANCE;
            case "DELTA" -> ParamLayout.SYN_DELTA;
            default -> throw new BackendException("opencl: unsupported synapse kind " + s.kind());
        };
    }

    private void buildDrives(IntList out, IntList tablesOut) {
        List<BackgroundInput> bgs = network.backgroundInputs();
        List<CurrentInput> cur = network.currentInputs();
        for (int p = 0; p < network.populations().size(); p++) {
            int first = out.size / DriveLayout.STRIDE;
            popTable[p * PopulationLayout.STRIDE + PopulationLayout.DRIVE_BASE] = first;
            for (int b = 0; b < bgs.size(); b++) {
                BackgroundInput in = bgs.get(b);
                if (in.population() != p) continue;
                int[] table = PoissonTable.cdfThresholds(in.rateHz() * network.dtMs() / 1000.0);
                int offset = tablesOut.size;
                for (int t : table) tablesOut.add(t);
                out.add(DriveLayout.BACKGROUND);
                out.add(in.channel());
                out.add(Streams.BACKGROUND + b);
                out.add(offset);
                out.add(table.length);
                out.add(fixed ? in.weightFixed() : Float.floatToRawIntBits(in.weight()));
                out.add(0);
                out.add(0);
            }
            for (CurrentInput c : cur) {
                if (c.population() != p) continue;
                out.add(DriveLayout.CURRENT);
                out.add(c.channel());
                out.add(0);
                out.add(0);
                out.add(0);
                out.add(fixed ? (int) c.amplitude() : Float.floatToRawIntBits((float) c.amplitude()));
                out.add(c.fromStep());
                out.add(c.toStep());
            }
            popTable[p * PopulationLayout.STRIDE + PopulationLayout.DRIVE_COUNT] = out.size / DriveLayout.STRIDE - first;
        }
    }

    private void fillInitial(Population pop, int p) {
        List<String> vars = pop.model().stateVariables();
        int n = pop.size();
        for (int v = 0; v < vars.size(); v++) {
            String var = vars.get(v);
            int off = layout.variableOffset(p, v, n);
            double[] init = pop.initialValues(var);
            if (fixed) {
                if (init != null) for (int i = 0; i < n; i++) initialInt[off + i] = (int) init[i];
                continue;
            }
            // The model owns its default start; Izhikevich's u has none (b * v per neuron, set below).
            boolean perNeuronDefault = pop.model() instanceof Izhikevich && var.equals("u");
            float fallback = init != null || perNeuronDefault ? 0f : (float) pop.model().defaultInitial(var);
            for (int i = 0; i < n; i++) {
                float x = init != null ? (float) init[i] : fallback;
                if (var.equals("ref")) x = (int) (init != null ? init[i] : 0);
                initialFloat[off + i] = x;
            }
            if (pop.model() instanceof Izhikevich m && perNeuronDefault && init == null) {
                int vOff = layout.variableOffset(p, 0, n);
                for (int i = 0; i < n; i++) initialFloat[off + i] = m.initialU(initialFloat[vOff + i]);
            }
        }
    }

    /** A growable primitive int list (no boxing). */
    static final class IntList {
        int[] a = new int[64];
        int size;

        IntList add(int x) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = x;
            return this;
        }

        int[] toArrayAtLeastOne() { return Arrays.copyOf(a, Math.max(1, size)); }
    }
}
