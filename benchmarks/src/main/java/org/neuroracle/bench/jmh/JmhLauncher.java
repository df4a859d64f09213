package org.neuroracle.bench.jmh;

import org.neuroracle.bench.BenchException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the JMH benchmarks of this package with JMH's own command-line options (e.g. {@code -p backend=cpu,opencl
 * -f 1 -wi 2 -i 3 NeuronUpdate}); with no benchmark pattern all of {@code org.neuroracle.bench.jmh} run.
 * Forked JVMs reuse this JVM's class path, so backends on it are found there too.
 */
public final class JmhLauncher {
    private JmhLauncher() {}

    public static void run(String... args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean hasPattern = false;
        for (int i = 0; i < a.size(); i++) {
            String s = a.get(i);
            if (s.startsWith("-")) { if (takesValue(s)) i++; continue; }
            hasPattern = true;
        }
        if (!hasPattern) a.add("org\\.neuroracle\\.bench\\.jmh\\..*");
        try {
            new Runner(new CommandLineOptions(a.toArray(String[]::new))).run();
        } catch (CommandLineOptionException e) {
            throw new BenchException("--jmh-args: " + e.getMessage(), e);
        } catch (RunnerException e) {
            throw new BenchException("JMH failed: " + e.getMessage(), e);
        }
    }

    /** JMH options that consume the next argument (the flags -h, -l, -lp, -lprof, -v take none). */
    private static boolean takesValue(String opt) {
        return !(opt.equals("-h") || opt.equals("-l") || opt.equals("-lp") || opt.equals("-lprof") || opt.equals("-lrf"));
    }
}
