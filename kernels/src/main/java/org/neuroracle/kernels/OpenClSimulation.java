package org.neuroracle.kernels;

import org.neuroracle.kernels.cl.ClBuffer;
import org.neuroracle.kernels.cl.ClContext;
import org.neuroracle.kernels.cl.ClDevice;
import org.neuroracle.kernels.cl.ClKernel;
import org.neuroracle.kernels.cl.ClProgram;
import org.neuroracle.kernels.cl.ClQueue;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.BackgroundInput;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.CurrentInput;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeProbe;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.StateProbe;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.rng.PoissonTable;
import org.neuroracle.snn.rng.Streams;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A network on one OpenCL device. Per step the host enqueues, on one in-order queue: the update kernel of every
 * neuron population (Deliver + Update + Emit fused per neuron), the Poisson source kernels, the external-spike
 * kernel (spike-source arrays and injections of the step), and one propagate kernel. Nothing is read back per
 * step: recorded spikes accumulate in a device buffer sized so it cannot overflow within a batch of steps, and
 * are read back once per batch; counters are read only when asked for.
 */
final class OpenClSimulation implements Simulation {
    private static final int RECORD_CAPACITY_MIN = 1 << 20;

    private final Network network;
    private final boolean fixed;
    private final StateLayout layout;
    private final WorkSizes sizes;
    private final KernelSource.Config config;
    private final ProgramCache.Origin origin;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private final ClContext context;
    private final ClQueue queue;
    private final ClProgram program;
    private ClBuffer spikeQueue;
    private int queueCapacity;
    private final ClBuffer state, params, fparams, drives, tables, ring, queueCount, rowPtr, synLane,
            synDelay, synWeight, recordFlags, record, recordCount, counters;
    private ClBuffer external;
    private int externalCapacity;

    private final ClKernel[] stepKernels;      // per population: update or Poisson source kernel; null for arrays
    private final long[][] stepGlobal;
    private final long[][] stepLocal;
    private final ClKernel externalKernel, propagateKernel;
    private final long[] externalGlobal = new long[1];
    private final long[] propagateGlobal, propagateLocal;

    private final int[] initialInt;
    private final float[] initialFloat;
    private final int recordCapacity, batchSteps;
    private final int[] recordCountScratch = new int[1];
    private int[] recordScratch = new int[0];
    private IntArray recSteps = new IntArray(), recPops = new IntArray(), recNeurons = new IntArray();

    private long[] injKeys = new long[0];      // (step << 32 | population << 24 | neuron), sorted, as the reference
    private final List<SampleLog> samples = new ArrayList<>();
    private long step;
    private boolean closed;

    private static final class SampleLog {
        final StateProbe probe;
        final List<Long> steps = new ArrayList<>();
        final List<double[]> rows = new ArrayList<>();
        SampleLog(StateProbe probe) { this.probe = probe; }
    }

    OpenClSimulation(Network network, ClDevice device, byte[] programBinary, String binaryOrigin, ProgramCache cache) {
        this.network = network;
        this.fixed = network.mode() == NumericMode.FIXED;
        this.layout = new StateLayout(network);
        this.sizes = WorkSizes.forDevice(device);
        this.config = OpenClBackend.configFor(network, device);
        List<Population> ps = network.populations();
        int np = ps.size();
        try {
            context = own(new ClContext(device));
            queue = own(context.createQueue());
            String source = KernelSource.text(), options = config.buildOptions();
            if (programBinary != null) {
                program = own(ClProgram.fromBinary(context, programBinary, options, binaryOrigin));
                origin = ProgramCache.Origin.BINARY_FILE;
            } else {
                ProgramCache.Built built = cache.build(context, source, options);
                program = own(built.program());
                origin = built.origin();
            }
            checkConfig(binaryOrigin);

            // Parameters, drives and initial state.
            int[] paramsHost = new int[Math.max(1, np * ParamLayout.FIXED_STRIDE)];
            float[] fparamsHost = new float[Math.max(1, np * ParamLayout.FLOAT_STRIDE)];
            for (int p = 0; p < np; p++) fillParams(ps.get(p), p, paramsHost, fparamsHost);
            int[][] driveRange = new int[np][2];
            IntArray drivesHost = new IntArray(), tablesHost = new IntArray();
            buildDrives(driveRange, drivesHost, tablesHost);
            initialInt = fixed ? new int[layout.totalState] : null;
            initialFloat = fixed ? null : new float[layout.totalState];
            for (int p = 0; p < np; p++) fillInitial(ps.get(p), p);

            // Merged CSR: every projection of a pre population, in network order, under one global row per neuron.
            int[] rowPtrHost = new int[layout.totalNeurons + 1];
            for (Projection pr : network.projections()) {
                int base = layout.neuronBase[pr.pre()];
                for (int i = 0; i < pr.preSize(); i++) rowPtrHost[base + i + 1] += pr.rowPtr()[i + 1] - pr.rowPtr()[i];
            }
            long totalSyn = 0;
            for (int g = 0; g < layout.totalNeurons; g++) {
                totalSyn += rowPtrHost[g + 1];
                if (totalSyn > Integer.MAX_VALUE) throw new BackendException("network '" + network.name() + "' has more than 2^31-1 synapses; the opencl backend uses 32-bit indices");
                rowPtrHost[g + 1] = (int) totalSyn;
            }
            int nSyn = (int) totalSyn;
            int[] laneHost = new int[nSyn], delayHost = new int[nSyn], weightHost = new int[nSyn];
            int[] fill = Arrays.copyOf(rowPtrHost, layout.totalNeurons);
            for (Projection pr : network.projections()) {
                int base = layout.neuronBase[pr.pre()];
                int postSize = ps.get(pr.post()).size();
                int laneOff = layout.laneBase[pr.post()] + pr.channel() * postSize;
                int[] rp = pr.rowPtr(), tg = pr.targets(), dl = pr.delaySteps();
                for (int i = 0; i < pr.preSize(); i++) {
                    int w = fill[base + i];
                    for (int k = rp[i]; k < rp[i + 1]; k++, w++) {
                        laneHost[w] = laneOff + tg[k];
                        delayHost[w] = dl[k];
                        weightHost[w] = pr.isFixed() ? pr.effectiveWeight(k) : Float.floatToRawIntBits(pr.weights()[k]);
                    }
                    fill[base + i] = w;
                }
            }

            int[] flags = new int[layout.totalNeurons];
            int recordedNeurons = 0;
            for (int p = 0; p < np; p++) {
                for (SpikeProbe sp : network.spikeProbes()) {
                    if (sp.population() != p) continue;
                    if (sp.neurons() == null) Arrays.fill(flags, layout.neuronBase[p], layout.neuronBase[p] + ps.get(p).size(), 1);
                    else for (int n : sp.neurons()) flags[layout.neuronBase[p] + n] = 1;
                }
                if (network.spikeProbes().isEmpty()) Arrays.fill(flags, layout.neuronBase[p], layout.neuronBase[p] + ps.get(p).size(), 1);
            }
            for (int f : flags) recordedNeurons += f;
            recordCapacity = Math.max(RECORD_CAPACITY_MIN, recordedNeurons);
            batchSteps = Math.max(1, recordCapacity / Math.max(1, recordedNeurons));

            long ringWords = (long) config.ringSlots() * layout.totalLanes;
            state = own(context.createBuffer(4L * layout.totalState));
            params = own(context.createBuffer(4L * paramsHost.length));
            fparams = own(context.createBuffer(4L * fparamsHost.length));
            drives = own(context.createBuffer(4L * drivesHost.size));
            tables = own(context.createBuffer(4L * tablesHost.size));
            ring = own(context.createBuffer(4L * ringWords));
            queueCapacity = layout.totalNeurons + 64;
            spikeQueue = context.createBuffer(4L * queueCapacity);
            queueCount = own(context.createBuffer(8));
            rowPtr = own(context.createBuffer(4L * rowPtrHost.length));
            synLane = own(context.createBuffer(4L * nSyn));
            synDelay = own(context.createBuffer(4L * nSyn));
            synWeight = own(context.createBuffer(4L * nSyn));
            recordFlags = own(context.createBuffer(4L * flags.length));
            record = own(context.createBuffer(4L * RecordLayout.STRIDE * recordCapacity));
            recordCount = own(context.createBuffer(4));
            counters = own(context.createBuffer(4L * CounterLayout.WORDS_PER_POPULATION * np));
            externalCapacity = 1024;
            external = context.createBuffer(4L * ExternalLayout.STRIDE * externalCapacity);

            queue.write(params, paramsHost);
            queue.write(fparams, fparamsHost);
            queue.write(drives, drivesHost.toArray());
            queue.write(tables, tablesHost.toArray());
            queue.write(rowPtr, rowPtrHost);
            queue.write(synLane, laneHost);
            queue.write(synDelay, delayHost);
            queue.write(synWeight, weightHost);
            queue.write(recordFlags, flags);

            // Kernels and their constant arguments; per step only the step (and the external range) change.
            int seedLo = (int) network.seed(), seedHi = (int) (network.seed() >>> 32);
            stepKernels = new ClKernel[np];
            stepGlobal = new long[np][];
            stepLocal = new long[np][];
            for (int p = 0; p < np; p++) {
                Population pop = ps.get(p);
                String name = switch (pop.model()) {
                    case CubaLifFixed m -> "update_cuba_lif_fixed";
                    case Lif m -> "update_lif";
                    case Alif m -> "update_alif";
                    case Izhikevich m -> "update_izhikevich";
                    case PoissonSource s -> "source_poisson";
                    case SpikeSourceArray s -> null;
                };
                if (name == null) continue;
                ClKernel k = own(program.kernel(name));
                stepKernels[p] = k;
                if (pop.model() instanceof PoissonSource src) {
                    int threshold = PoissonTable.bernoulliThreshold(src.rateHz() * network.dtMs() / 1000.0);
                    k.arg(1, p).arg(2, pop.size()).arg(3, layout.neuronBase[p]).arg(4, Streams.POISSON_SOURCE + p)
                            .arg(5, threshold).arg(6, seedLo).arg(7, seedHi).arg(8, spikeQueue).arg(9, queueCount)
                            .arg(10, rowPtr).arg(11, recordFlags).arg(12, record).arg(13, recordCount).arg(14, counters);
                    stepGlobal[p] = new long[]{pop.size()};
                    stepLocal[p] = null;
                } else {
                    k.arg(1, p).arg(2, pop.size()).arg(3, layout.neuronBase[p]).arg(4, layout.laneBase[p])
                            .arg(5, layout.totalLanes).arg(6, layout.stateBase[p]).arg(7, state)
                            .arg(8, fixed ? params : fparams).arg(9, p * (fixed ? ParamLayout.FIXED_STRIDE : ParamLayout.FLOAT_STRIDE))
                            .arg(10, drives).arg(11, driveRange[p][0]).arg(12, driveRange[p][1]).arg(13, tables)
                            .arg(14, seedLo).arg(15, seedHi).arg(16, ring).arg(17, spikeQueue).arg(18, queueCount)
                            .arg(19, rowPtr).arg(20, recordFlags).arg(21, record).arg(22, recordCount).arg(23, counters);
                    stepGlobal[p] = new long[]{WorkSizes.roundUp(pop.size(), sizes.updateLocal())};
                    stepLocal[p] = new long[]{sizes.updateLocal()};
                }
            }
            externalKernel = own(program.kernel("emit_external"));
            externalKernel.arg(3, external).arg(4, spikeQueue).arg(5, queueCount).arg(6, rowPtr).arg(7, recordFlags)
                    .arg(8, record).arg(9, recordCount).arg(10, counters);
            propagateKernel = own(program.kernel("propagate"));
            propagateKernel.arg(1, layout.totalLanes).arg(2, spikeQueue).arg(3, queueCount).arg(4, rowPtr)
                    .arg(5, synLane).arg(6, synDelay).arg(7, synWeight).arg(8, ring);
            propagateLocal = new long[]{sizes.propagateLocal()};
            propagateGlobal = new long[]{(long) sizes.propagateLocal() * sizes.propagateGroups()};

            for (StateProbe sp : network.stateProbes()) samples.add(new SampleLog(sp));
            reset();
        } catch (RuntimeException | Error e) {
            closeQuietly(e);
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Runs nr_config and checks the program was built for this network class (matters for loaded binaries). */
    private void checkConfig(String binaryOrigin) {
        try (ClKernel k = program.kernel("nr_config"); ClBuffer out = context.createBuffer(4L * KernelSource.CONFIG_WORDS)) {
            k.arg(0, out);
            queue.launch(k, new long[]{1}, null);
            int[] words = new int[KernelSource.CONFIG_WORDS];
            queue.read(out, 0, words, words.length);
            int[] want = config.configWords();
            if (!Arrays.equals(words, want))
                throw new BackendException((binaryOrigin == null ? "the OpenCL program" : binaryOrigin)
                        + " was built with [layout, fixed, ring slots, local size, fp64] = " + Arrays.toString(words)
                        + " but network '" + network.name() + "' on this device needs " + Arrays.toString(want)
                        + "; build it with options: " + config.buildOptions());
        }
    }

    private void fillParams(Population pop, int p, int[] ip, float[] fp) {
        double dt = network.dtMs();
        switch (pop.model()) {
            case CubaLifFixed m -> {
                int b = p * ParamLayout.FIXED_STRIDE;
                ip[b + ParamLayout.FP_CHANNELS] = m.channels();
                ip[b + ParamLayout.FP_DV] = m.dv();
                ip[b + ParamLayout.FP_VTH] = m.vth();
                ip[b + ParamLayout.FP_BIAS] = m.bias();
                ip[b + ParamLayout.FP_REFRACTORY] = m.refractorySteps();
                for (int c = 0; c < m.channels(); c++) ip[b + ParamLayout.FP_DU + c] = m.du(c);
            }
            case Lif m -> lifParams(fp, p, dt, m.tauMembraneMs(), m.vRestMv(), m.vResetMv(), m.vThresholdMv(), m.refractoryMs(),
                    m.biasMv(), 0, 1, m.synapses(), m.integration());
            case Alif m -> lifParams(fp, p, dt, m.tauMembraneMs(), m.vRestMv(), m.vResetMv(), m.vThresholdMv(), m.refractoryMs(),
                    m.biasMv(), m.betaMv(), m.tauAdaptMs(), m.synapses(), m.integration());
            case Izhikevich m -> {
                int b = p * ParamLayout.FLOAT_STRIDE;
                fp[b + ParamLayout.FLP_CHANNELS] = m.channels();
                fp[b + ParamLayout.FLP_IZ_A] = (float) m.a();
                fp[b + ParamLayout.FLP_IZ_B] = (float) m.b();
                fp[b + ParamLayout.FLP_IZ_C] = (float) m.c();
                fp[b + ParamLayout.FLP_IZ_D] = (float) m.d();
                fp[b + ParamLayout.FLP_IZ_BIAS] = (float) m.bias();
                fp[b + ParamLayout.FLP_IZ_DT] = (float) dt;
                channelParams(fp, b, dt, 1, m.synapses());
            }
            default -> { }
        }
    }

    /** Constants computed in double and rounded to float once, exactly as the reference backend does. */
    private static void lifParams(float[] fp, int p, double dt, double tauM, double vRest, double vReset, double vTh,
                                  double refractoryMs, double bias, double beta, double tauAdapt, List<Synapse> syn,
                                  Integration integration) {
        int b = p * ParamLayout.FLOAT_STRIDE;
        fp[b + ParamLayout.FLP_CHANNELS] = syn.size();
        fp[b + ParamLayout.FLP_V_REST] = (float) vRest;
        fp[b + ParamLayout.FLP_V_RESET] = (float) vReset;
        fp[b + ParamLayout.FLP_V_TH] = (float) vTh;
        fp[b + ParamLayout.FLP_BIAS] = (float) bias;
        fp[b + ParamLayout.FLP_DT_OVER_TAU] = (float) (dt / tauM);
        fp[b + ParamLayout.FLP_DECAY_M] = (float) Math.exp(-dt / tauM);
        fp[b + ParamLayout.FLP_ONE_MINUS_DECAY_M] = (float) -Math.expm1(-dt / tauM);
        fp[b + ParamLayout.FLP_REFRACTORY] = (int) Math.round(refractoryMs / dt);
        fp[b + ParamLayout.FLP_BETA] = (float) beta;
        fp[b + ParamLayout.FLP_DECAY_A] = (float) Math.exp(-dt / tauAdapt);
        fp[b + ParamLayout.FLP_EXACT] = integration == Integration.EXACT ? 1 : 0;
        boolean anyCond = false;
        for (Synapse s : syn) anyCond |= kindCode(s) == ParamLayout.SYN_CONDUCTANCE;
        fp[b + ParamLayout.FLP_ANY_CONDUCTANCE] = anyCond ? 1 : 0;
        channelParams(fp, b, dt, tauM, syn);
    }

    private static void channelParams(float[] fp, int b, double dt, double tauM, List<Synapse> syn) {
        for (int c = 0; c < syn.size(); c++) {
            Synapse s = syn.get(c);
            int kind = kindCode(s);
            int cb = b + ParamLayout.FLP_CH + c * ParamLayout.FLP_CH_STRIDE;
            fp[cb + ParamLayout.CH_DECAY] = kind == ParamLayout.SYN_DELTA ? 0f : (float) Math.exp(-dt / s.tauMs());
            fp[cb + ParamLayout.CH_PROPAGATOR] = kind == ParamLayout.SYN_DELTA ? 0f : (float) synapticPropagator(dt, tauM, s.tauMs());
            fp[cb + ParamLayout.CH_REVERSAL] = (float) s.reversalMv();
            fp[cb + ParamLayout.CH_KIND] = kind;
        }
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

    /** Exact contribution to v after one step of a unit current trace decaying with tauSyn (Rotter & Diesmann 1999). */
    static double synapticPropagator(double dtMs, double tauM, double tauSyn) {
        if (Math.abs(tauSyn - tauM) < 1e-9 * tauM) return dtMs / tauM * Math.exp(-dtMs / tauM);
        return tauSyn / (tauSyn - tauM) * (Math.exp(-dtMs / tauSyn) - Math.exp(-dtMs / tauM));
    }

    private void buildDrives(int[][] range, IntArray out, IntArray tablesOut) {
        List<BackgroundInput> bgs = network.backgroundInputs();
        List<CurrentInput> cur = network.currentInputs();
        for (int p = 0; p < network.populations().size(); p++) {
            range[p][0] = out.size / DriveLayout.STRIDE;
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
            range[p][1] = out.size / DriveLayout.STRIDE - range[p][0];
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
            float fallback = switch (pop.model()) {
                case Lif m -> var.equals("v") ? (float) m.vRestMv() : 0f;
                case Alif m -> var.equals("v") ? (float) m.vRestMv() : 0f;
                case Izhikevich m -> var.equals("v") ? (float) m.c() : 0f;
                default -> 0f;
            };
            for (int i = 0; i < n; i++) {
                float x = init != null ? (float) init[i] : fallback;
                if (var.equals("ref")) x = (int) (init != null ? init[i] : 0);
                initialFloat[off + i] = x;
            }
            if (pop.model() instanceof Izhikevich m && var.equals("u") && init == null) {
                int vOff = layout.variableOffset(p, 0, n);
                float b = (float) m.b();
                for (int i = 0; i < n; i++) initialFloat[off + i] = b * initialFloat[vOff + i];
            }
        }
    }

    ProgramCache.Origin programOrigin() { return origin; }

    byte[] programBinary() { return program.binary(); }

    KernelSource.Config config() { return config; }

    @Override public Network network() { return network; }

    @Override public long currentStep() { return step; }

    @Override public void run(int steps) {
        if (closed) throw new IllegalStateException("simulation is closed");
        long from = step, to = Simulation.endOfRun(step, steps);
        if (steps == 0) return;
        int[] extStep = prepareExternal((int) from, (int) to);
        final int np = stepKernels.length;
        int ext = 0, inBatch = 0;
        for (int t = (int) from; t < to; t++) {
            for (int p = 0; p < np; p++) {
                ClKernel k = stepKernels[p];
                if (k == null) continue;
                k.arg(0, t);
                queue.launch(k, stepGlobal[p], stepLocal[p]);
            }
            int start = ext;
            while (ext < extStep.length && extStep[ext] == t) ext++;
            if (ext > start) {
                externalKernel.arg(0, t).arg(1, start).arg(2, ext - start);
                externalGlobal[0] = ext - start;
                queue.launch(externalKernel, externalGlobal, null);
            }
            propagateKernel.arg(0, t);
            queue.launch(propagateKernel, propagateGlobal, propagateLocal);
            if (++inBatch == batchSteps) {
                drainRecords();
                inBatch = 0;
            }
            if (!samples.isEmpty()) sample(t);
        }
        drainRecords();
        step = to;
        int keep = 0;
        while (keep < injKeys.length && (injKeys[keep] >>> 32) < to) keep++;
        if (keep > 0) injKeys = Arrays.copyOfRange(injKeys, keep, injKeys.length);
    }

    /**
     * Uploads the spike-source-array spikes and injections of steps [from, to), grouped by step, and returns the
     * step of each entry (ascending) so the step loop can hand each step its range.
     */
    private int[] prepareExternal(int from, int to) {
        List<Population> ps = network.populations();
        IntArray entries = new IntArray();
        IntArray entrySteps = new IntArray();
        for (int p = 0; p < ps.size(); p++) {
            if (!(ps.get(p).model() instanceof SpikeSourceArray s)) continue;
            int k = lowerBound(s, from), lastStep = -1, lastNeuron = -1;
            for (; k < s.spikeCount() && s.stepAt(k) < to; k++) {
                int t = s.stepAt(k), i = s.neuronAt(k);
                if (i >= ps.get(p).size()) throw new BackendException("population '" + ps.get(p).name() + "': spike " + k
                        + " names neuron " + i + " but the population has " + ps.get(p).size());
                if (t == lastStep && i == lastNeuron) continue; // the reference emits a neuron at most once per step
                lastStep = t;
                lastNeuron = i;
                entrySteps.add(t);
                entries.add(layout.neuronBase[p] + i);
                entries.add(p);
                entries.add(i);
                entries.add(1);
            }
        }
        for (long key : injKeys) {
            int t = (int) (key >>> 32);
            if (t < from || t >= to) continue;
            int p = (int) ((key >>> 24) & 0xFF), i = (int) (key & 0xFFFFFF);
            entrySteps.add(t);
            entries.add(layout.neuronBase[p] + i);
            entries.add(p);
            entries.add(i);
            entries.add(0);
        }
        int n = entrySteps.size;
        if (n == 0) return new int[0];
        long[] order = new long[n];
        for (int e = 0; e < n; e++) order[e] = ((long) entrySteps.a[e] << 32) | e;
        Arrays.sort(order);
        int[] sorted = new int[n * ExternalLayout.STRIDE];
        int[] steps = new int[n];
        int maxPerStep = 0, run = 0, prev = -1;
        for (int q = 0; q < n; q++) {
            int e = (int) order[q];
            steps[q] = (int) (order[q] >>> 32);
            System.arraycopy(entries.a, e * ExternalLayout.STRIDE, sorted, q * ExternalLayout.STRIDE, ExternalLayout.STRIDE);
            run = steps[q] == prev ? run + 1 : 1;
            prev = steps[q];
            maxPerStep = Math.max(maxPerStep, run);
        }
        ensureQueueCapacity(maxPerStep);
        if (n > externalCapacity) {
            ClBuffer grown = context.createBuffer(4L * ExternalLayout.STRIDE * n);
            external.close();
            external = grown;
            externalCapacity = n;
            externalKernel.arg(3, external);
        }
        queue.write(external, 0, sorted, sorted.length);
        return steps;
    }

    /**
     * The spike queue holds one step's spikes: every neuron at most once, plus the external spikes of the
     * busiest step (injections may repeat a neuron). Grows, and rebinds the kernels, when a run needs more.
     */
    private void ensureQueueCapacity(int externalPerStep) {
        long need = (long) layout.totalNeurons + externalPerStep;
        if (need <= queueCapacity) return;
        if (need > Integer.MAX_VALUE / 4) throw new BackendException("opencl: too many external spikes in one step (" + externalPerStep + ")");
        ClBuffer grown = context.createBuffer(4L * need);
        spikeQueue.close();
        spikeQueue = grown;
        queueCapacity = (int) need;
        for (int p = 0; p < stepKernels.length; p++) {
            if (stepKernels[p] == null) continue;
            stepKernels[p].arg(network.populations().get(p).model() instanceof PoissonSource ? 8 : 17, spikeQueue);
        }
        externalKernel.arg(4, spikeQueue);
        propagateKernel.arg(2, spikeQueue);
    }

    private static int lowerBound(SpikeSourceArray s, int t) {
        int lo = 0, hi = s.spikeCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (s.stepAt(mid) < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void drainRecords() {
        queue.read(recordCount, 0, recordCountScratch, 1);
        int n = recordCountScratch[0];
        if (n == 0) return;
        int words = n * RecordLayout.STRIDE;
        if (recordScratch.length < words) recordScratch = new int[Math.max(words, recordScratch.length * 2)];
        queue.read(record, 0, recordScratch, words);
        for (int r = 0; r < n; r++) {
            recSteps.add(recordScratch[r * RecordLayout.STRIDE]);
            recPops.add(recordScratch[r * RecordLayout.STRIDE + 1]);
            recNeurons.add(recordScratch[r * RecordLayout.STRIDE + 2]);
        }
        recordCountScratch[0] = 0;
        queue.write(recordCount, 0, recordCountScratch, 1);
    }

    private void sample(int t) {
        for (SampleLog log : samples) {
            StateProbe sp = log.probe;
            if ((t + 1) % sp.everySteps() != 0) continue;
            double[] all = state(sp.population(), sp.variable());
            double[] row;
            if (sp.neurons() == null) row = all;
            else {
                row = new double[sp.neurons().length];
                for (int i = 0; i < row.length; i++) row[i] = all[sp.neurons()[i]];
            }
            log.steps.add((long) t);
            log.rows.add(row);
        }
    }

    @Override public void inject(int population, int neuron, int atStep) {
        inject(population, new int[]{neuron}, new int[]{atStep});
    }

    @Override public void inject(int population, int[] neurons, int[] steps) {
        List<Population> ps = network.populations();
        if (population < 0 || population >= ps.size()) throw new IllegalArgumentException("inject: no population with index " + population);
        if (ps.size() > 256) throw new IllegalArgumentException("inject: supported for networks of at most 256 populations");
        if (neurons.length != steps.length) throw new IllegalArgumentException("inject: neurons and steps differ in length");
        int size = ps.get(population).size();
        long[] add = new long[neurons.length];
        for (int q = 0; q < neurons.length; q++) {
            if (neurons[q] < 0 || neurons[q] >= size || neurons[q] >= 1 << 24)
                throw new IllegalArgumentException("inject: neuron " + neurons[q] + " is outside population '" + ps.get(population).name() + "' (size " + size + ")");
            if (steps[q] < step) throw new IllegalArgumentException("inject: step " + steps[q] + " is in the past (current step " + step + ")");
            add[q] = ((long) steps[q] << 32) | ((long) population << 24) | neurons[q];
        }
        long[] merged = Arrays.copyOf(injKeys, injKeys.length + add.length);
        System.arraycopy(add, 0, merged, injKeys.length, add.length);
        Arrays.sort(merged);
        injKeys = merged;
    }

    @Override public SpikeRaster spikes() {
        return SpikeRaster.sorted(recSteps.a, recPops.a, recNeurons.a, recSteps.size);
    }

    @Override public double[] state(int population, String variable) {
        List<Population> ps = network.populations();
        if (population < 0 || population >= ps.size()) throw new IllegalArgumentException("state: no population with index " + population);
        Population pop = ps.get(population);
        int var = pop.model().stateVariables().indexOf(variable);
        if (var < 0) throw new IllegalArgumentException("population '" + pop.name() + "' (" + pop.model().id()
                + ") has no state variable '" + variable + "'; it has " + pop.model().stateVariables());
        int n = pop.size(), off = layout.variableOffset(population, var, n);
        double[] out = new double[n];
        if (fixed) {
            int[] buf = new int[n];
            queue.read(state, off, buf, n);
            for (int i = 0; i < n; i++) out[i] = buf[i];
        } else {
            float[] buf = new float[n];
            queue.read(state, off, buf, n);
            for (int i = 0; i < n; i++) out[i] = buf[i];
        }
        return out;
    }

    @Override public StateSamples samples(int probeIndex) {
        if (probeIndex < 0 || probeIndex >= samples.size()) throw new IllegalArgumentException("samples: the network has " + samples.size() + " state probe(s), not index " + probeIndex);
        SampleLog log = samples.get(probeIndex);
        long[] st = new long[log.steps.size()];
        for (int i = 0; i < st.length; i++) st[i] = log.steps.get(i);
        return new StateSamples(st, log.rows.toArray(new double[0][]));
    }

    @Override public Counters counters() {
        int np = network.populations().size();
        int[] words = new int[np * CounterLayout.WORDS_PER_POPULATION];
        queue.read(counters, 0, words, words.length);
        long[] sp = new long[np], so = new long[np], up = new long[np];
        for (int p = 0; p < np; p++) {
            sp[p] = CounterLayout.value(words, p, CounterLayout.SPIKES);
            so[p] = CounterLayout.value(words, p, CounterLayout.SYNAPTIC_OPS);
            up[p] = CounterLayout.value(words, p, CounterLayout.MEMBRANE_UPDATES);
        }
        return new Counters(step, sp, so, up);
    }

    @Override public void reset() {
        if (fixed) queue.write(state, 0, initialInt, initialInt.length);
        else queue.write(state, initialFloat);
        queue.fill(ring, 0);
        queue.fill(queueCount, 0);
        queue.fill(recordCount, 0);
        queue.fill(counters, 0);
        queue.finish();
        recSteps = new IntArray();
        recPops = new IntArray();
        recNeurons = new IntArray();
        for (SampleLog log : samples) { log.steps.clear(); log.rows.clear(); }
        injKeys = new long[0];
        step = 0;
    }

    @Override public void close() {
        if (closed) return;
        closed = true;
        closeQuietly(null);
    }

    private void closeQuietly(Throwable primary) {
        RuntimeException failure = null;
        List<AutoCloseable> order = new ArrayList<>();
        if (external != null) order.add(external);
        if (spikeQueue != null) order.add(spikeQueue);
        order.addAll(resources);
        resources.clear();
        for (AutoCloseable r : order) {
            try {
                r.close();
            } catch (Exception e) {
                if (primary != null) primary.addSuppressed(e);
                else if (failure == null) failure = e instanceof RuntimeException re ? re : new BackendException(e.getMessage(), e);
                else failure.addSuppressed(e);
            }
        }
        if (failure != null) throw failure;
    }

    /** A growable primitive int list (no boxing in the record drain). */
    static final class IntArray {
        int[] a = new int[64];
        int size;

        void add(int x) {
            if (size == a.length) a = Arrays.copyOf(a, size * 2);
            a[size++] = x;
        }

        int[] toArray() { return Arrays.copyOf(a, size); }
    }
}
