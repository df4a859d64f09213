package org.neuroracle.bench.report;

import org.neuroracle.bench.runner.BenchRunner;
import org.neuroracle.bench.runner.BenchRunner.Comparison;
import org.neuroracle.bench.runner.BenchRunner.Outcome;
import org.neuroracle.bench.runner.RunResult;
import org.neuroracle.bench.validation.SpikeStatistics.PopulationStatistics;
import org.neuroracle.bench.validation.Validation.Check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code report.md}: the speed table, the Brian2 comparison side by side, validation statistics and checks, plots. */
public final class MarkdownReport {
    private MarkdownReport() {}

    public static void write(Outcome o, Path file) {
        try {
            Files.writeString(file, render(o));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String render(Outcome o) {
        StringBuilder b = new StringBuilder();
        b.append("# Neuroracle benchmark report\n\n");
        b.append(f("Machine: %s, %d hardware threads, Java %s, %s.  \n", o.machine().cpuModel(), o.machine().hardwareThreads(), o.machine().javaVersion(), o.machine().os()));
        b.append(f("Simulated %s s per run after which statistics skip a %.0f ms warm-up; seeds 1..%d.  \n",
                num(o.config().bioSeconds()), o.config().effectiveWarmupMs(), o.config().seeds()));
        b.append(f("Memory copy bandwidth (STREAM-like, Java): %.1f GB/s; at %d bytes per synaptic event the bandwidth bound is %s synaptic events/s.\n\n",
                o.bandwidth().copyBytesPerSecond() / 1e9, o.bandwidth().bytesPerSynapticEvent(), sci(o.bandwidth().synapticEventsPerSecondBound())));

        b.append("## Speed\n\n");
        b.append(speedTable(o.runs(), o.bandwidth().synapticEventsPerSecondBound()));
        b.append("\nWall time covers the simulation loop only; network construction and compilation (Brian2: code generation and C++ build) are in `setup_seconds` of results.json.\n\n");

        if (!o.comparisons().isEmpty()) {
            b.append("## Neuroracle and Brian2 side by side\n\n");
            b.append("| network | seed | backend | backend wall (s) | Brian2 wall (s) | speed-up vs Brian2 (wall) | backend CPU (s) | Brian2 CPU (s) | speed-up (CPU time) | statistics agree |\n|---|---|---|---|---|---|---|---|---|---|\n");
            for (Comparison c : o.comparisons())
                b.append(f("| %s | %d | %s | %.2f | %.2f | %.2fx | %.2f | %.2f | %.2fx | %s |\n", c.network(), c.seed(), c.neuroracle().backend(),
                        c.neuroracle().wallSeconds(), c.brian2().wallSeconds(), c.speedup(), c.neuroracle().cpuSeconds(), c.brian2().cpuSeconds(),
                        c.cpuSpeedup(), c.agrees() ? "yes" : "**no**"));
            b.append("\n| network | seed | population | rate (Hz) ours / Brian2 | CV ISI ours / Brian2 | correlation ours / Brian2 |\n|---|---|---|---|---|---|\n");
            for (Comparison c : o.comparisons())
                for (PopulationStatistics p : c.neuroracle().populations()) {
                    PopulationStatistics q = c.brian2().populations().stream().filter(x -> x.population().equals(p.population())).findFirst().orElse(null);
                    if (q == null) continue;
                    b.append(f("| %s | %d | %s | %s / %s | %s / %s | %s / %s |\n", c.network(), c.seed(), p.population(),
                            num(p.rateHz()), num(q.rateHz()), num(p.cvIsi()), num(q.cvIsi()), num(p.correlation()), num(q.correlation())));
                }
            b.append(f("\nAgreement: rates and CVs within %.0f%% of their mean, correlations within %.2f (our tolerances).\n",
                    100 * BenchRunner.AGREE_RELATIVE, BenchRunner.AGREE_CORRELATION));
            for (Comparison c : o.comparisons())
                for (var a : c.agreement())
                    if (!a.pass()) b.append(f("- %s seed %d %s %s: ours %s, Brian2 %s (difference %s > %s)\n", c.network(), c.seed(), a.population(),
                            a.metric().key, num(a.ours()), num(a.brian2()), num(a.difference()), num(a.tolerance())));
            b.append("\nBrian2 runs the exported network (same synapses, weights, delays, initial state) in C++ standalone mode on one thread; "
                    + "its random background input and spike times differ from ours, so the statistics, not the spikes, are compared.\n\n");
        }

        if (o.runs().stream().anyMatch(r -> !r.energy().isEmpty())) {
            b.append("## Energy per hardware profile\n\n");
            b.append("Counted work of each run (synaptic events, membrane updates, spikes) priced with each profile's published figures; "
                    + "kind is the weakest evidence used (measured, simulated, vendor, derived), boundary what the figure covers.\n\n");
            b.append("| network | backend | seed | profile | dynamic (J) | static (J) | estimate (J) | lower (J) | upper (J) | kind | boundary | complete | missing |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (RunResult r : o.runs())
                for (RunResult.Energy e : r.energy())
                    b.append(f("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.network(), r.backend(), r.seed(), e.profile(),
                            sci(e.dynamicJoules()), sci(e.idleJoules()), sci(e.totalJoules()), sci(e.lowerJoules()),
                            Double.isNaN(e.upperJoules()) ? "unbounded" : sci(e.upperJoules()), e.kind() == null ? "-" : e.kind(),
                            e.boundary() == null ? "-" : e.boundary(), e.complete() ? "yes" : "no", e.missing().isEmpty() ? "-" : String.join("; ", e.missing())));
            b.append("\nEstimate = dynamic (events x energy per event) + static power x wall time (steps x the profile's time step, or the step measured in this run on the device the profile describes). "
                    + "Lower bound: the known parts; upper bound: every part known, or max power x wall time. Energies of different profiles are comparable only when both are complete and share a boundary.\n");
            b.append('\n');
        }
        b.append("## Validation statistics\n\n");
        b.append("| network | simulator | seed | population | neurons | rate (Hz) | CV ISI | correlation (5 ms) |\n|---|---|---|---|---|---|---|---|\n");
        for (RunResult r : o.runs())
            for (PopulationStatistics p : r.populations())
                b.append(f("| %s | %s | %d | %s | %d | %s | %s | %s |\n", r.network(), r.backend(), r.seed(), p.population(), p.neurons(),
                        num(p.rateHz()), num(p.cvIsi()), num(p.correlation())));
        b.append("\n### Checks against reference ranges\n\n");
        b.append("| network | simulator | seed | population | metric | value | range | result |\n|---|---|---|---|---|---|---|---|\n");
        Set<String> sources = new LinkedHashSet<>();
        for (RunResult r : o.runs()) {
            if (r.checks().isEmpty())
                b.append(f("| %s | %s | %d | - | - | - | - | no reference ranges for this network |\n", r.network(), r.backend(), r.seed()));
            for (Check c : r.checks()) {
                sources.add(c.source());
                b.append(f("| %s | %s | %d | %s | %s | %s | [%s, %s] | %s |\n", r.network(), r.backend(), r.seed(), c.population(), c.metric().key,
                        num(c.value()), num(c.low()), num(c.high()), c.pass() ? "pass" : "**fail**"));
            }
        }
        if (!sources.isEmpty()) {
            b.append("\nSources of the ranges:\n\n");
            for (String s : sources) b.append("- ").append(s).append('\n');
        }
        b.append("\n## Plots\n\n");
        for (Path p : o.plots()) b.append("![").append(p.getFileName()).append("](").append(p.getFileName()).append(")\n");
        if (!o.notes().isEmpty()) {
            b.append("\n## Notes\n\n");
            for (String n : o.notes()) b.append("- ").append(n).append('\n');
        }
        return b.toString();
    }

    /** The speed table, also printed by the CLI. */
    public static String speedTable(List<RunResult> runs, double boundEventsPerSecond) {
        StringBuilder b = new StringBuilder();
        b.append("| network | simulator | device | seed | neurons | synapses | wall (s) | CPU (s) | wall s per simulated s | synaptic events/s | of bandwidth bound | mean rate (Hz) | validation |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (RunResult r : runs)
            b.append(f("| %s | %s | %s | %d | %d | %d | %.2f | %.2f | %.3f | %s | %.1f%% | %.2f | %s |\n", r.network(), r.backend(), r.device(), r.seed(),
                    r.neurons(), r.synapses(), r.wallSeconds(), r.cpuSeconds(), r.secondsPerBioSecond(), sci(r.synapticEventsPerSecond()),
                    100 * r.synapticEventsPerSecond() / boundEventsPerSecond, r.meanRateHz(), r.validationStatus()));
        return b.toString();
    }

    private static String f(String fmt, Object... args) { return String.format(Locale.ROOT, fmt, args); }

    private static String num(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return String.format(Locale.ROOT, "%.0f", v);
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String sci(double v) { return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3g", v); }
}
