package org.neuroracle.kernels;

import org.neuroracle.kernels.KernelArgLayout.Propagate;
import org.neuroracle.kernels.KernelArgLayout.RunSteps;
import org.neuroracle.kernels.KernelArgLayout.UpdateAll;
import org.neuroracle.kernels.cl.ClBuffer;
import org.neuroracle.kernels.cl.ClContext;
import org.neuroracle.kernels.cl.ClDevice;
import org.neuroracle.kernels.cl.ClKernel;
import org.neuroracle.kernels.cl.ClProgram;
import org.neuroracle.kernels.cl.ClQueue;
import org.neuroracle.snn.backend.BackendException;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.InjectionQueue;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.backend.StateRecorder;
import org.neuroracle.snn.backend.StateSamples;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * A network on one OpenCL device: uploads a {@link DeviceImage} and runs the step loop. Either one
 * {@code run_steps} launch per batch of steps (persistent: a device-side step loop in one work-group) or two
 * launches per step ({@code update_all}, {@code propagate}); see step.cl. Nothing is read back per step:
 * recorded spikes accumulate in a device buffer sized so a batch cannot overflow it, and are read back once per
 * batch; counters are read only when asked for.
 */
final class OpenClSimulation implements Simulation {
    /** How steps are launched. */
    enum Launch { PERSISTENT, PER_STEP }

    private final Network network;
    private final DeviceImage image;
    private final KernelSource.Config config;
    private final ProgramCache.Origin origin;
    private final Launch launch;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    private final ClContext context;
    private final ClQueue queue;
    private final ClProgram program;
    private final ClBuffer state, params, fparams, drives, tables, popTable, groupPop, ring, queueCount, rowPtr,
            synLane, synDelay, synWeight, recordFlags, record, recordCount, counters, scratch;
    private ClBuffer spikeQueue, external, externalSteps;
    private int queueCapacity, externalCapacity;

    private final ClKernel updateAll, propagate, runSteps;
    private final long[] updateGlobal = new long[1], updateLocal, propagateGlobal, propagateLocal, persistentSize;

    private final int[] recordCountScratch = new int[1];
    private int[] recordScratch = new int[0];
    private DeviceImage.IntList recSteps = new DeviceImage.IntList(), recPops = new DeviceImage.IntList(),
            recNeurons = new DeviceImage.IntList();

    private final InjectionQueue injections;
    private final StateRecorder recorder;
    private final StateRecorder.StateReader reader = this::state;
    private long step;
    private boolean closed;

    OpenClSimulation(Network network, ClDevice device, byte[] programBinary, String binaryOrigin, ProgramCache cache,
                     Launch launch, int persistentLocal) {
        this.network = network;
        this.launch = launch;
        WorkSizes sizes = WorkSizes.forDevice(device);
        this.config = OpenClBackend.configFor(network, device);
        this.image = new DeviceImage(network, config.localSize());
        this.injections = new InjectionQueue(network);
        this.recorder = new StateRecorder(network);
        StateLayout layout = image.layout;
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

            state = own(context.createBuffer(4L * (image.fixed ? image.initialInt.length : image.initialFloat.length)));
            params = upload(image.params);
            fparams = own(context.createBuffer(4L * image.fparams.length));
            queue.write(fparams, image.fparams);
            drives = upload(image.drives);
            tables = upload(image.tables);
            popTable = upload(image.popTable);
            groupPop = upload(image.groupPop);
            ring = own(context.createBuffer(4L * Math.max(1, (long) config.ringSlots() * layout.totalLanes)));
            queueCapacity = layout.totalNeurons + 64;
            spikeQueue = context.createBuffer(4L * queueCapacity);
            queueCount = own(context.createBuffer(8));
            rowPtr = upload(image.rowPtr);
            synLane = upload(image.synLane);
            synDelay = upload(image.synDelay);
            synWeight = upload(image.synWeight);
            recordFlags = upload(image.recordFlags);
            record = own(context.createBuffer(4L * RecordLayout.STRIDE * image.recordCapacity));
            recordCount = own(context.createBuffer(4));
            counters = own(context.createBuffer(4L * CounterLayout.WORDS_PER_POPULATION * Math.max(1, network.populations().size())));
            // Two words per neuron: run_steps' population passes keep candidates, flags and sums there.
            scratch = own(context.createBuffer(8L * Math.max(1, layout.totalNeurons)));
            externalCapacity = 1024;
            external = context.createBuffer(4L * ExternalLayout.STRIDE * externalCapacity);
            externalSteps = context.createBuffer(4L * externalCapacity);

            // Kernels and their constant arguments; per launch only steps and external ranges change.
            updateAll = own(program.kernel("update_all"));
            updateAll.arg(UpdateAll.POP_TABLE.index(), popTable).arg(UpdateAll.GROUP_POP.index(), groupPop)
                    .arg(UpdateAll.NEURON_GROUPS.index(), image.neuronGroups).arg(UpdateAll.EXTERNAL.index(), external)
                    .arg(UpdateAll.TOTAL_LANES.index(), layout.totalLanes).arg(UpdateAll.STATE.index(), state)
                    .arg(UpdateAll.PARAMS.index(), params).arg(UpdateAll.FPARAMS.index(), fparams)
                    .arg(UpdateAll.DRIVES.index(), drives).arg(UpdateAll.TABLES.index(), tables)
                    .arg(UpdateAll.SEED_LO.index(), image.seedLo).arg(UpdateAll.SEED_HI.index(), image.seedHi)
                    .arg(UpdateAll.RING.index(), ring).arg(UpdateAll.QUEUE.index(), spikeQueue)
                    .arg(UpdateAll.QUEUE_COUNT.index(), queueCount).arg(UpdateAll.ROW_PTR.index(), rowPtr)
                    .arg(UpdateAll.RECORD_FLAGS.index(), recordFlags).arg(UpdateAll.RECORD.index(), record)
                    .arg(UpdateAll.RECORD_COUNT.index(), recordCount).arg(UpdateAll.COUNTERS.index(), counters);
            updateLocal = new long[]{config.localSize()};
            propagate = own(program.kernel("propagate"));
            propagate.arg(Propagate.TOTAL_LANES.index(), layout.totalLanes).arg(Propagate.QUEUE.index(), spikeQueue)
                    .arg(Propagate.QUEUE_COUNT.index(), queueCount).arg(Propagate.ROW_PTR.index(), rowPtr)
                    .arg(Propagate.SYN_LANE.index(), synLane).arg(Propagate.SYN_DELAY.index(), synDelay)
                    .arg(Propagate.SYN_WEIGHT.index(), synWeight).arg(Propagate.RING.index(), ring);
            propagateLocal = new long[]{sizes.propagateLocal()};
            propagateGlobal = new long[]{(long) sizes.propagateLocal() * sizes.propagateGroups()};
            runSteps = own(program.kernel("run_steps"));
            runSteps.arg(RunSteps.POPULATIONS.index(), network.populations().size()).arg(RunSteps.POP_TABLE.index(), popTable)
                    .arg(RunSteps.EXTERNAL.index(), external).arg(RunSteps.EXTERNAL_STEPS.index(), externalSteps)
                    .arg(RunSteps.TOTAL_LANES.index(), layout.totalLanes).arg(RunSteps.STATE.index(), state)
                    .arg(RunSteps.PARAMS.index(), params).arg(RunSteps.FPARAMS.index(), fparams)
                    .arg(RunSteps.DRIVES.index(), drives).arg(RunSteps.TABLES.index(), tables)
                    .arg(RunSteps.SEED_LO.index(), image.seedLo).arg(RunSteps.SEED_HI.index(), image.seedHi)
                    .arg(RunSteps.RING.index(), ring).arg(RunSteps.QUEUE.index(), spikeQueue)
                    .arg(RunSteps.QUEUE_COUNT.index(), queueCount).arg(RunSteps.ROW_PTR.index(), rowPtr)
                    .arg(RunSteps.SYN_LANE.index(), synLane).arg(RunSteps.SYN_DELAY.index(), synDelay)
                    .arg(RunSteps.SYN_WEIGHT.index(), synWeight).arg(RunSteps.RECORD_FLAGS.index(), recordFlags)
                    .arg(RunSteps.RECORD.index(), record).arg(RunSteps.RECORD_COUNT.index(), recordCount)
                    .arg(RunSteps.COUNTERS.index(), counters).arg(RunSteps.SCRATCH.index(), scratch);
            persistentSize = new long[]{persistentLocal};
            if (launch == Launch.PERSISTENT) warmUpRunSteps();
            reset();
        } catch (RuntimeException | Error e) {
            closeQuietly(e);
            throw e;
        }
    }

    /**
     * Launches run_steps once with no steps, so the device builds its work-group function for this local size now
     * (in compile) and not in the first timed run. PoCL builds that specialisation (kcache dir
     * {@code 1-1-1-goffs0-smallgrid}) at the first launch unless its kernel cache already holds it; our program
     * binary holds only the generic one. Such a build cost 0.6-1.7 s of wall time in the first batch, part of it
     * in a /usr/bin/ld child process and fdatasync waits that the process CPU time does not show (README).
     */
    private void warmUpRunSteps() {
        runSteps.arg(RunSteps.FROM_STEP.index(), 0).arg(RunSteps.TO_STEP.index(), 0)
                .arg(RunSteps.EXT_START.index(), 0).arg(RunSteps.EXT_END.index(), 0);
        queue.launch(runSteps, persistentSize, persistentSize);
        queue.finish();
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    private ClBuffer upload(int[] data) {
        ClBuffer b = own(context.createBuffer(4L * data.length));
        queue.write(b, data);
        return b;
    }

    /** Runs nr_config and checks the program was built for this network class (matters for loaded binaries). */
    private void checkConfig(String binaryOrigin) {
        try (ClKernel k = program.kernel("nr_config"); ClBuffer out = context.createBuffer(4L * KernelSource.CONFIG_WORDS)) {
            k.arg(KernelArgLayout.Config.OUT.index(), out);
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

    ProgramCache.Origin programOrigin() { return origin; }

    byte[] programBinary() { return program.binary(); }

    KernelSource.Config config() { return config; }

    Launch launch() { return launch; }

    @Override public Network network() { return network; }

    @Override public long currentStep() { return step; }

    @Override public void run(int steps) {
        if (closed) throw new IllegalStateException("simulation is closed");
        long from = step, to = Simulation.endOfRun(step, steps);
        if (steps == 0) return;
        DeviceImage.External ext = image.external((int) from, (int) to, injections);
        uploadExternal(ext);
        if (launch == Launch.PERSISTENT) runPersistent((int) from, (int) to, ext);
        else runPerStep((int) from, (int) to, ext);
        step = to;
        injections.dropBefore(to);
    }

    /** One run_steps launch per batch: until the record buffer could fill, a state probe is due, or the run ends. */
    private void runPersistent(int from, int to, DeviceImage.External ext) {
        int t = from;
        while (t < to) {
            long end = Math.min(to, (long) t + image.batchSteps);
            if (!recorder.isEmpty()) end = Math.min(end, recorder.nextDue(t) + 1);
            runSteps.arg(RunSteps.FROM_STEP.index(), t).arg(RunSteps.TO_STEP.index(), (int) end)
                    .arg(RunSteps.EXT_START.index(), ext.first(t)).arg(RunSteps.EXT_END.index(), ext.first((int) end));
            queue.launch(runSteps, persistentSize, persistentSize);
            t = (int) end;
            drainRecords();
            if (recorder.due(t - 1)) recorder.sample(t - 1, reader);
        }
    }

    /** Two launches per step: update_all (every population and the step's external spikes), then propagate. */
    private void runPerStep(int from, int to, DeviceImage.External ext) {
        final int local = config.localSize();
        int e = 0, inBatch = 0;
        for (int t = from; t < to; t++) {
            int start = e;
            while (e < ext.count() && ext.steps()[e] == t) e++;
            long groups = image.neuronGroups + (e - start + local - 1) / local;
            if (groups > 0) {
                updateAll.arg(UpdateAll.STEP.index(), t).arg(UpdateAll.EXT_START.index(), start).arg(UpdateAll.EXT_COUNT.index(), e - start);
                updateGlobal[0] = groups * local;
                queue.launch(updateAll, updateGlobal, updateLocal);
            }
            propagate.arg(Propagate.STEP.index(), t);
            queue.launch(propagate, propagateGlobal, propagateLocal);
            if (++inBatch == image.batchSteps) {
                drainRecords();
                inBatch = 0;
            }
            if (!recorder.isEmpty() && recorder.due(t)) recorder.sample(t, reader);
        }
        drainRecords();
    }

    /** Uploads a run's external spikes, growing the buffers (and the spike queue) when the run needs more. */
    private void uploadExternal(DeviceImage.External ext) {
        int n = ext.count();
        if (n == 0) return;
        ensureQueueCapacity(ext.maxPerStep());
        if (n > externalCapacity) {
            ClBuffer grown = context.createBuffer(4L * ExternalLayout.STRIDE * n), grownSteps = context.createBuffer(4L * n);
            external.close();
            externalSteps.close();
            external = grown;
            externalSteps = grownSteps;
            externalCapacity = n;
            updateAll.arg(UpdateAll.EXTERNAL.index(), external);
            runSteps.arg(RunSteps.EXTERNAL.index(), external).arg(RunSteps.EXTERNAL_STEPS.index(), externalSteps);
        }
        queue.write(external, 0, ext.entries(), ext.entries().length);
        queue.write(externalSteps, 0, ext.steps(), n);
    }

    /**
     * The spike queue holds one step's spikes: every neuron at most once, plus the external spikes of the
     * busiest step (injections may repeat a neuron). Grows, and rebinds the kernels, when a run needs more.
     */
    private void ensureQueueCapacity(int externalPerStep) {
        long need = (long) image.layout.totalNeurons + externalPerStep;
        if (need <= queueCapacity) return;
        if (need > Integer.MAX_VALUE / 4) throw new BackendException("opencl: too many external spikes in one step (" + externalPerStep + ")");
        ClBuffer grown = context.createBuffer(4L * need);
        spikeQueue.close();
        spikeQueue = grown;
        queueCapacity = (int) need;
        updateAll.arg(UpdateAll.QUEUE.index(), spikeQueue);
        propagate.arg(Propagate.QUEUE.index(), spikeQueue);
        runSteps.arg(RunSteps.QUEUE.index(), spikeQueue);
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

    @Override public void inject(int population, int neuron, int atStep) {
        inject(population, new int[]{neuron}, new int[]{atStep});
    }

    @Override public void inject(int population, int[] neurons, int[] steps) {
        injections.add(population, neurons, steps, step);
    }

    @Override public SpikeRaster spikes() {
        return SpikeRaster.sorted(recSteps.a, recPops.a, recNeurons.a, recSteps.size);
    }

    @Override public boolean canDrainSpikes() { return true; }

    @Override public SpikeRaster drainSpikes() {
        SpikeRaster r = spikes();
        recSteps.size = 0; recPops.size = 0; recNeurons.size = 0;
        return r;
    }

    @Override public double[] state(int population, String variable) {
        List<Population> ps = network.populations();
        if (population < 0 || population >= ps.size()) throw new IllegalArgumentException("state: no population with index " + population);
        Population pop = ps.get(population);
        int var = pop.model().stateVariables().indexOf(variable);
        if (var < 0) throw new IllegalArgumentException("population '" + pop.name() + "' (" + pop.model().id()
                + ") has no state variable '" + variable + "'; it has " + pop.model().stateVariables());
        int n = pop.size(), off = image.layout.variableOffset(population, var, n);
        double[] out = new double[n];
        if (image.fixed) {
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

    @Override public StateSamples samples(int probeIndex) { return recorder.samples(probeIndex); }

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
        if (image.fixed) queue.write(state, image.initialInt);
        else queue.write(state, image.initialFloat);
        queue.fill(ring, 0);
        queue.fill(queueCount, 0);
        queue.fill(recordCount, 0);
        queue.fill(counters, 0);
        queue.finish();
        recSteps = new DeviceImage.IntList();
        recPops = new DeviceImage.IntList();
        recNeurons = new DeviceImage.IntList();
        recorder.clear();
        injections.clear();
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
        for (AutoCloseable r : new AutoCloseable[]{external, externalSteps, spikeQueue}) if (r != null) order.add(r);
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
}
