package org.neuroracle.cli;

import org.neuroracle.forecast.data.Choice;
import org.neuroracle.forecast.encode.InputSpikes;
import org.neuroracle.forecast.history.DaoHistory;
import org.neuroracle.forecast.model.Reservoir;
import org.neuroracle.forecast.model.VoteModel;
import org.neuroracle.forecast.model.VoteObservation;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Same-JVM A/B in thread CPU time, for issue 15 (separate processes of the same code differ 10-40 % on the shared
 * machine, so builds are compared inside one JVM): the cpu backend's step of float {@code cuba} against
 * {@code cuba-fixed}, and the served vote model's reservoir run ({@code Reservoir.Runner.run}, 200 steps) per
 * forecast. Each build given as a lib folder is loaded by its own class loader (this class's folder first, then the
 * build's jars, parent the platform loader), so two builds run alternately in one JVM, each JIT-compiled on its own.
 * Workloads alternate in rounds; the figure is the median over rounds of thread CPU per unit. Not a test.
 * <pre>java -cp "cli/target/dist/lib/*:cli/target/test-classes" org.neuroracle.cli.StepCpuAB [rounds] [lib-dir ...]</pre>
 * With no lib folder it measures this classpath's build (cli/target/dist/lib).
 */
public final class StepCpuAB {
    private StepCpuAB() {}

    /** Steps per round for the 4,000-neuron networks; forecasts per round for the reservoir. */
    static final int NETWORK_STEPS = 2_000, FORECASTS = 400;
    static final String[] WORKLOADS = {"cuba", "cuba-fixed", "reservoir"};

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<String> libs = new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        if (libs.isEmpty()) libs.add("cli/target/dist/lib");
        URL self = StepCpuAB.class.getProtectionDomain().getCodeSource().getLocation();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int nb = libs.size(), nw = WORKLOADS.length;
        IntConsumer[][] work = new IntConsumer[nb][nw];
        for (int b = 0; b < nb; b++) {
            // "dir;key=value;..." sets system properties while this build's classes initialise (for variants read
            // once into static finals, so that several variants of one build can run side by side).
            String[] spec = libs.get(b).split(";");
            for (int q = 1; q < spec.length; q++) System.setProperty(spec[q].substring(0, spec[q].indexOf('=')), spec[q].substring(spec[q].indexOf('=') + 1));
            List<URL> urls = new ArrayList<>(List.of(self));
            File[] jars = new File(spec[0]).listFiles((d, n) -> n.endsWith(".jar"));
            if (jars == null) throw new IllegalArgumentException("no jars in " + libs.get(b));
            Arrays.sort(jars);
            for (File j : jars) urls.add(j.toURI().toURL());
            ClassLoader cl = new URLClassLoader("build" + b, urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> c = Class.forName(Work.class.getName(), true, cl);
            Thread.currentThread().setContextClassLoader(cl); // ServiceLoader (Backends) looks there
            for (int w = 0; w < nw; w++) work[b][w] = (IntConsumer) c.getConstructor(String.class).newInstance(WORKLOADS[w]);
            for (int q = 1; q < spec.length; q++) System.clearProperty(spec[q].substring(0, spec[q].indexOf('=')));
        }
        double[][][] perUnit = new double[nb][nw][rounds];
        for (int r = -3; r < rounds; r++) // three warm-up rounds
            for (int w = 0; w < nw; w++)
                for (int b0 = 0; b0 < nb; b0++) {
                    int b = (b0 + Math.max(r, 0)) % nb; // alternate which build goes first
                    int units = WORKLOADS[w].equals("reservoir") ? FORECASTS : NETWORK_STEPS;
                    long c0 = mx.getCurrentThreadCpuTime();
                    work[b][w].accept(units);
                    long c1 = mx.getCurrentThreadCpuTime();
                    if (r >= 0) perUnit[b][w][r] = (c1 - c0) / 1e3 / units;
                }
        System.out.printf(Locale.ROOT, "%d rounds (%d steps of cuba / cuba-fixed, %d reservoir forecasts each); thread CPU, median [min..max]%n",
                rounds, NETWORK_STEPS, FORECASTS);
        for (int b = 0; b < nb; b++) {
            double[] med = new double[nw];
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-48s", libs.get(b)));
            for (int w = 0; w < nw; w++) {
                double[] x = perUnit[b][w].clone();
                Arrays.sort(x);
                med[w] = x[x.length / 2];
                sb.append(String.format(Locale.ROOT, "  %s %.1f us [%.1f..%.1f]", WORKLOADS[w] + (w == 2 ? "/forecast" : "/step"), med[w], x[0], x[x.length - 1]));
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = perUnit[b][1][r] / perUnit[b][0][r];
            Arrays.sort(ratio);
            sb.append(String.format(Locale.ROOT, "  fixed/float %.2f (per-round ratio median; %.2f..%.2f)", ratio[rounds / 2], ratio[0], ratio[rounds - 1]));
            System.out.println(sb);
        }
    }

    /** One workload, loaded by a build's class loader. {@code accept(n)} runs n steps or n forecasts. */
    public static final class Work implements IntConsumer {
        private final Simulation sim;
        private final Reservoir.Runner runner;
        private final List<InputSpikes> inputs;
        private int next;

        public Work(String name) {
            if (name.equals("reservoir")) {
                VoteModel m = (VoteModel) org.neuroracle.forecast.service.ForecastService.bundledArtifacts().stream().filter(a -> a.model().kind().equals("vote")).findFirst().orElseThrow().model();
                runner = new Reservoir.Runner(m.reservoir().network("vote-forecaster"), "cpu");
                inputs = inputs(m);
                sim = null;
            } else {
                sim = Backends.byName("cpu").compile(BuiltinNetworks.byName(name, 1), Options.defaults().withThreads(1));
                sim.run(1_000); // past the initial transient
                runner = null;
                inputs = null;
            }
        }

        @Override public void accept(int n) {
            if (sim != null) { sim.run(n); return; }
            for (int k = 0; k < n; k++) {
                runner.run(inputs.get(next));
                next = (next + 1) % inputs.size();
            }
        }

        /** Distinct forecasts: every DAO of the bundled history, 1..20 votes, at several points of the vote. */
        static List<InputSpikes> inputs(VoteModel m) {
            List<InputSpikes> in = new ArrayList<>();
            for (DaoHistory.Dao dao : m.past().daos()) {
                int last = dao.proposalIds().length - 1;
                long start = dao.ends()[last] + 86_400, end = start + 7 * 86_400;
                for (int nv = 1; nv <= 20; nv += 4)
                    for (double f : new double[]{0.05, 0.3, 0.6, 0.95}) {
                        List<VoteObservation.Cast> votes = new ArrayList<>();
                        for (int v = 0; v < nv; v++)
                            votes.add(new VoteObservation.Cast(start + 3_600L * (v + 1), "0x" + Integer.toHexString(0x1000 + v * 7919 + nv),
                                    v % 3 == 0 ? Choice.AGAINST : (v % 5 == 0 ? Choice.ABSTAIN : Choice.FOR), new BigDecimal(1000 + 37L * v * nv)));
                        VoteObservation o = new VoteObservation(start, end, new BigDecimal("500000"), start + (long) (f * (end - start)), votes);
                        in.add(m.encode(o, m.context(dao.name(), "new", null, start)));
                    }
                if (in.size() >= 400) break;
            }
            return in;
        }
    }
}
