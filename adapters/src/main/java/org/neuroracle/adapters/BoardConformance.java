package org.neuroracle.adapters;

import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Counters;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * The board conformance kit: loads any library implementing neuroracle_board.h, runs the canonical networks
 * against the {@code cpu} reference (digest, counters, and on mismatch the first differing spike or state value),
 * and probes error handling (bad config, calls out of order, malformed networks, a network over the profile's
 * capacity). Each check is independent: a failing check does not stop the others.
 */
public final class BoardConformance {
    /** One check's outcome; {@code detail} says where a failure is. */
    public record Check(String name, boolean passed, String detail) {}

    /** All checks of one run. */
    public record Report(Path library, String profile, String config, List<Check> checks) {
        public boolean passed() { return checks.stream().allMatch(Check::passed); }

        public long failures() { return checks.stream().filter(c -> !c.passed()).count(); }

        public String format() {
            StringBuilder s = new StringBuilder();
            s.append("board check: ").append(library).append(" against profile ").append(profile).append('\n');
            s.append("config: ").append(config.isEmpty() ? "(empty)" : config).append('\n');
            int w = checks.stream().mapToInt(c -> c.name().length()).max().orElse(10);
            for (Check c : checks)
                s.append(c.passed() ? "PASS  " : "FAIL  ").append(String.format(Locale.ROOT, "%-" + w + "s  ", c.name())).append(c.detail()).append('\n');
            s.append(passed() ? "RESULT: PASS" : "RESULT: FAIL").append(" (").append(checks.size() - failures()).append(" passed, ")
                    .append(failures()).append(" failed)").append('\n');
            return s.toString();
        }
    }

    /** Steps run per canonical network. */
    public static final int STEPS = 200;
    public static final long[] RANDOM_SEEDS = {1, 2, 3, 4, 5, 6, 7, 8};

    private BoardConformance() {}

    /** The config the kit opens the board with: the emulator's keys, set from the profile's published limits. */
    public static String configFor(HardwareProfile profile) {
        StringBuilder s = new StringBuilder("name=" + profile.name());
        profile.count(HardwareProfile.NEURONS_PER_CHIP).ifPresent(n -> s.append(";max_neurons=").append(n));
        profile.count(HardwareProfile.SYNAPSES_PER_CHIP).ifPresent(n -> s.append(";max_synapses=").append(n));
        profile.count(HardwareProfile.FAN_IN_PER_NEURON).ifPresent(n -> s.append(";max_fan_in=").append(n));
        profile.count(HardwareProfile.MAX_DELAY_STEPS).ifPresent(n -> s.append(";max_delay_steps=").append(n));
        profile.count(HardwareProfile.WEIGHT_BITS).ifPresent(n -> s.append(";weight_bits=").append(Math.min(org.neuroracle.snn.model.Projection.MAX_WEIGHT_BITS, n)));
        return s.toString();
    }

    public static Report run(Path library, HardwareProfile profile, String config) {
        String cfg = config != null ? config : configFor(profile);
        List<Check> checks = new ArrayList<>();
        BoardLibrary lib;
        try {
            lib = BoardLibrary.load(library);
            checks.add(new Check("abi-version", true, "library ABI " + lib.abiVersion() + ", binding " + BoardLibrary.ABI_VERSION));
        } catch (BoardException e) {
            checks.add(new Check("abi-version", false, e.getMessage()));
            return new Report(library, profile.name(), cfg, checks);
        }
        try (lib) {
            checks.add(openCheck(lib, cfg));
            checks.add(badConfig(lib, "no_such_key=1", "unknown config key"));
            checks.add(badConfig(lib, "max_neurons=banana", "non-numeric config value"));
            checks.add(badConfig(lib, "max_neurons", "config item without '='"));
            checks.add(outOfOrder(lib, cfg));
            checks.add(compare(lib, cfg, "digest cuba-fixed", BuiltinNetworks.byName("cuba-fixed", 42), false));
            for (long seed : RANDOM_SEEDS)
                checks.add(compare(lib, cfg, "digest random-" + seed, RandomNetworks.fixed(seed), false));
            checks.add(compare(lib, cfg, "injection random-11", RandomNetworks.fixed(11), true));
            checks.add(resetCheck(lib, cfg));
            checks.addAll(malformed(lib, cfg));
            checks.add(overCapacity(lib, cfg, profile));
            checks.add(energyCheck(lib, cfg));
        }
        return new Report(library, profile.name(), cfg, checks);
    }

    private static Check openCheck(BoardLibrary lib, String cfg) {
        try (NativeBoard b = lib.open(cfg)) {
            long features = b.capability(BoardLibrary.CAP_FEATURES);
            return new Check("open", true, "board '" + b.name() + "', features 0x" + Long.toHexString(features)
                    + ", max neurons " + b.capability(BoardLibrary.CAP_MAX_NEURONS) + ", weight bits " + b.capability(BoardLibrary.CAP_WEIGHT_BITS));
        } catch (BoardException e) {
            return new Check("open", false, e.getMessage());
        }
    }

    private static Check badConfig(BoardLibrary lib, String config, String what) {
        String name = "bad-config '" + config + "'";
        try (NativeBoard b = lib.open(config)) {
            return new Check(name, false, "the board opened with a " + what + "; nrb_open must return NULL with a message (board '" + b.name() + "')");
        } catch (BoardException e) {
            boolean hasMessage = !e.getMessage().endsWith("no message");
            return new Check(name, hasMessage, hasMessage ? "refused: " + e.getMessage() : "refused without an error message");
        }
    }

    private static Check outOfOrder(BoardLibrary lib, String cfg) {
        try (NativeBoard b = lib.open(cfg)) {
            try {
                b.run(1);
                return new Check("run-before-load", false, "nrb_run succeeded with no network loaded; expected NRB_E_STATE");
            } catch (BoardException e) {
                return messageCheck("run-before-load", e, BoardLibrary.E_STATE);
            }
        } catch (BoardException e) {
            return new Check("run-before-load", false, "open failed: " + e.getMessage());
        }
    }

    private static Check messageCheck(String name, BoardException e, int expectedStatus) {
        String msg = e.getMessage();
        boolean hasMessage = !msg.contains(": (status") && !msg.isBlank();
        if (!hasMessage) return new Check(name, false, "refused with status " + e.status() + " but an empty nrb_last_error");
        if (expectedStatus != 0 && e.status() != expectedStatus)
            return new Check(name, false, "refused with status " + e.status() + ", expected " + expectedStatus + ": " + msg);
        return new Check(name, true, "refused: " + msg);
    }

    /** Run a network on cpu and on the board; compare digests, then say where they differ. */
    private static Check compare(BoardLibrary lib, String cfg, String name, Network network, boolean inject) {
        Simulation cpu = null, board = null;
        try {
            cpu = Backends.byName("cpu").compile(network, Options.defaults().withThreads(1));
            NativeBoard nb = lib.open(cfg);
            board = new BoardSimulation(network, nb, null);
            if (inject) {
                SplittableRandom r = new SplittableRandom(network.seed());
                for (int p = 0; p < network.populations().size(); p++) {
                    int size = network.populations().get(p).size();
                    int[] neurons = new int[30], steps = new int[30];
                    for (int k = 0; k < 30; k++) { neurons[k] = r.nextInt(size); steps[k] = r.nextInt(STEPS); }
                    cpu.inject(p, neurons, steps);
                    board.inject(p, neurons, steps);
                }
            }
            // Two run calls: boards must carry delayed input across run boundaries.
            cpu.run(STEPS / 2);
            board.run(STEPS / 2);
            cpu.run(STEPS - STEPS / 2);
            board.run(STEPS - STEPS / 2);
            String dc = Digest.of(cpu), db = Digest.of(board);
            if (dc.equals(db)) {
                Counters cc = cpu.counters(), cb = board.counters();
                String counters = counterDifference(network, cc, cb);
                if (counters != null) return new Check(name, false, "digest equal but counters differ: " + counters);
                return new Check(name, true, "digest " + dc.substring(0, 16) + " = cpu (" + cpu.spikes().size() + " spikes, " + cc.totalSynapticOps() + " synaptic ops)");
            }
            return new Check(name, false, "digest " + db.substring(0, 16) + " != cpu " + dc.substring(0, 16) + ": " + whereDifferent(network, cpu, board));
        } catch (RuntimeException e) {
            return new Check(name, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            if (cpu != null) cpu.close();
            if (board != null) board.close();
        }
    }

    private static String counterDifference(Network network, Counters a, Counters b) {
        for (int p = 0; p < network.populations().size(); p++) {
            String pop = network.populations().get(p).name();
            if (a.spikes()[p] != b.spikes()[p]) return "population '" + pop + "' spikes board " + b.spikes()[p] + " vs cpu " + a.spikes()[p];
            if (a.synapticOps()[p] != b.synapticOps()[p]) return "population '" + pop + "' synaptic ops board " + b.synapticOps()[p] + " vs cpu " + a.synapticOps()[p];
            if (a.membraneUpdates()[p] != b.membraneUpdates()[p]) return "population '" + pop + "' membrane updates board " + b.membraneUpdates()[p] + " vs cpu " + a.membraneUpdates()[p];
        }
        return null;
    }

    static String whereDifferent(Network network, Simulation cpu, Simulation board) {
        SpikeRaster rc = cpu.spikes(), rb = board.spikes();
        int k = rc.firstDifference(rb);
        if (k >= 0) {
            String c = k < rc.size() ? spike(network, rc, k) : "none";
            String b = k < rb.size() ? spike(network, rb, k) : "none";
            return "first differing spike #" + k + ": board " + b + ", cpu " + c + " (board " + rb.size() + " spikes, cpu " + rc.size() + ")";
        }
        for (int p = 0; p < network.populations().size(); p++) {
            Population pop = network.populations().get(p);
            for (String var : pop.model().stateVariables()) {
                double[] a = cpu.state(p, var), b = board.state(p, var);
                for (int i = 0; i < a.length; i++)
                    if (a[i] != b[i]) return "spikes equal; state " + pop.name() + "." + var + "[" + i + "] board " + (long) b[i] + ", cpu " + (long) a[i];
            }
        }
        return "spikes and state equal; the step count differs (board " + board.currentStep() + ", cpu " + cpu.currentStep() + ")";
    }

    private static String spike(Network n, SpikeRaster r, int k) {
        return "(step " + r.step(k) + ", " + n.populations().get(r.population(k)).name() + "[" + r.neuron(k) + "])";
    }

    private static Check resetCheck(BoardLibrary lib, String cfg) {
        Network network = RandomNetworks.fixed(3);
        try (NativeBoard nb = lib.open(cfg); BoardSimulation sim = new BoardSimulation(network, nb, null)) {
            sim.run(STEPS);
            String first = Digest.of(sim);
            sim.reset();
            if (sim.currentStep() != 0) return new Check("reset", false, "after nrb_reset the step is " + sim.currentStep() + ", expected 0");
            sim.run(STEPS);
            String second = Digest.of(sim);
            return new Check("reset", first.equals(second), first.equals(second) ? "a reset run repeats the first run exactly"
                    : "the run after nrb_reset differs from the first run (digest " + second.substring(0, 16) + " vs " + first.substring(0, 16) + ")");
        } catch (RuntimeException e) {
            return new Check("reset", false, e.getMessage());
        }
    }

    /** Malformed projections sent straight through the ABI; each must be refused with a message, and the board must stay usable. */
    private static List<Check> malformed(BoardLibrary lib, String cfg) {
        record Bad(String name, int[] rowPtr, int[] targets, int[] weights, int[] delays, int channel) {}
        List<Bad> cases = List.of(
                new Bad("malformed: row pointer decreases", new int[]{0, 2, 1, 3}, new int[]{0, 1, 2}, new int[]{1, 1, 1}, new int[]{1, 1, 1}, 0),
                new Bad("malformed: target out of range", new int[]{0, 1, 1, 1}, new int[]{99}, new int[]{1}, new int[]{1}, 0),
                new Bad("malformed: zero delay", new int[]{0, 1, 1, 1}, new int[]{0}, new int[]{1}, new int[]{0}, 0),
                new Bad("malformed: weight beyond 16 bits", new int[]{0, 1, 1, 1}, new int[]{0}, new int[]{40000}, new int[]{1}, 0),
                new Bad("malformed: missing channel", new int[]{0, 1, 1, 1}, new int[]{0}, new int[]{1}, new int[]{1}, 5));
        List<Check> out = new ArrayList<>();
        for (Bad c : cases) {
            try (NativeBoard b = lib.open(cfg)) {
                b.beginNetwork(2, 1);
                b.addLifPopulation(3, new int[]{100}, 100, 10, 0, 0, 0, true);
                try {
                    b.addProjection(0, 0, c.channel(), c.rowPtr(), c.targets(), c.weights(), 0, c.delays());
                    b.endNetwork();
                    out.add(new Check(c.name(), false, "the board accepted it; expected a negative status and a message"));
                    continue;
                } catch (BoardException e) {
                    Check m = messageCheck(c.name(), e, 0);
                    if (!m.passed()) { out.add(m); continue; }
                    // Still usable: a valid network loads and runs after the refusal.
                    b.beginNetwork(1, 1);
                    b.addLifPopulation(3, new int[]{100}, 100, 10, 100, 0, 0, true);
                    b.endNetwork();
                    b.run(5);
                    out.add(m);
                }
            } catch (BoardException e) {
                out.add(new Check(c.name(), false, "the board was unusable after refusing: " + e.getMessage()));
            }
        }
        return out;
    }

    /** A network just over one published limit of the profile must be refused with NRB_E_CAPACITY. */
    private static Check overCapacity(BoardLibrary lib, String cfg, HardwareProfile profile) {
        Network network;
        String what;
        var fanIn = profile.count(HardwareProfile.FAN_IN_PER_NEURON);
        var neurons = profile.count(HardwareProfile.NEURONS_PER_CHIP);
        CubaLifFixed model = new CubaLifFixed(100, 100, 100, 0, 0);
        if (fanIn.isPresent() && fanIn.get() < 1_000_000) {
            int n = (int) (fanIn.get() + 1);
            network = Network.builder("over-fan-in").population("src", n, new SpikeSourceArray(new int[0], new int[0]))
                    .population("post", 1, model)
                    .projection("all", "src", "post", new Connector.AllToAll(true), WeightSpec.constant(1), DelaySpec.constant(1), 0, 0).build();
            what = "fan-in " + n + " onto one neuron (profile fan_in_per_neuron " + fanIn.get() + ")";
        } else if (neurons.isPresent() && neurons.get() < 50_000_000) {
            int n = (int) (neurons.get() + 1);
            network = Network.builder("over-neurons").population("big", n, model).build();
            what = n + " neurons (profile neurons_per_chip " + neurons.get() + ")";
        } else {
            return new Check("over-capacity", false, "profile '" + profile.name() + "' publishes no neuron or fan-in limit to probe; choose a profile with topology.neurons_per_chip or fan_in_per_neuron");
        }
        try (NativeBoard b = lib.open(cfg)) {
            try {
                BoardSimulation.load(network, b);
                return new Check("over-capacity", false, "the board accepted " + what + "; expected NRB_E_CAPACITY");
            } catch (BoardException e) {
                Check m = messageCheck("over-capacity", e, BoardLibrary.E_CAPACITY);
                return new Check("over-capacity", m.passed(), (m.passed() ? what + " refused: " + e.getMessage() : m.detail()));
            }
        } catch (BoardException e) {
            return new Check("over-capacity", false, "open failed: " + e.getMessage());
        }
    }

    private static Check energyCheck(BoardLibrary lib, String cfg) {
        Network network = RandomNetworks.fixed(2);
        try (NativeBoard nb = lib.open(cfg); BoardSimulation sim = new BoardSimulation(network, nb, null)) {
            sim.run(20);
            long meter = nb.capability(BoardLibrary.CAP_HAS_ENERGY_METER);
            OptionalDouble e = nb.readEnergy();
            if (e.isEmpty()) {
                boolean ok = meter == 0 && !nb.lastError().isBlank();
                return new Check("energy", ok, ok ? "no energy meter (NRB_E_UNSUPPORTED): " + nb.lastError()
                        : "nrb_read_energy is unsupported but " + (meter != 0 ? "NRB_CAP_HAS_ENERGY_METER is 1" : "gave no message"));
            }
            boolean ok = e.getAsDouble() >= 0 && Double.isFinite(e.getAsDouble());
            return new Check("energy", ok, (ok ? "measured " : "invalid energy ") + e.getAsDouble() + " J");
        } catch (RuntimeException ex) {
            return new Check("energy", false, ex.getMessage());
        }
    }

}
