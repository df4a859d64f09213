package org.neuroracle.cli;

import org.neuroracle.snn.fixed.FixedLif;
import org.neuroracle.snn.model.CubaLifFixed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Drive one cuba-lif-fixed neuron with the integer a_in of each step and print CSV step,u,v,spike.",
                "Example: neuroracle trace --param du=80,dv=20,vth=100,bias_mant=0,bias_exp=0 --input a_in.txt"})
public final class TraceCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = CubaLifFixed.ID, description = "Neuron model (only ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--param", split = ",", paramLabel = "NAME=VALUE",
            description = "Parameters du, dv, vth, bias_mant, bias_exp, refractory_steps (defaults 0).")
    Map<String, String> params = Map.of();

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "One integer a_in per line (empty lines and #comments skipped); '-' reads stdin.")
    String input;

    @Override public Integer call() throws IOException {
        if (!model.equals(CubaLifFixed.ID)) throw new IllegalArgumentException("--model: only " + CubaLifFixed.ID + " can be traced, got '" + model + "'");
        for (String k : params.keySet())
            if (!java.util.Set.of("du", "dv", "vth", "bias_mant", "bias_exp", "refractory_steps").contains(k))
                throw new IllegalArgumentException("--param: unknown parameter '" + k + "'; expected du, dv, vth, bias_mant, bias_exp, refractory_steps");
        CubaLifFixed m = new CubaLifFixed(new int[]{param("du")}, param("dv"), param("vth"), param("bias_mant"), param("bias_exp"), param("refractory_steps"));
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false);
        out.println("step,u,v,spike");
        int u = 0, v = 0, ref = 0;
        try (BufferedReader r = input.equals("-") ? new BufferedReader(new java.io.InputStreamReader(System.in)) : Files.newBufferedReader(Path.of(input))) {
            String line;
            int lineNo = 0, step = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                int aIn;
                try { aIn = Integer.parseInt(s); }
                catch (NumberFormatException e) { throw new IllegalArgumentException(input + " line " + lineNo + ": '" + s + "' is not a 32-bit integer"); }
                // Same arithmetic, in the same order, as the cpu backend's cuba-lif-fixed update.
                u = FixedLif.current(u, m.du(0), aIn);
                boolean spike = false;
                if (ref > 0) { ref--; v = 0; }
                else {
                    v = FixedLif.voltage(v, m.dv(), u, m.bias());
                    if (FixedLif.spikes(v, m.vth())) { spike = true; v = 0; ref = m.refractorySteps(); }
                }
                out.print(step++); out.print(','); out.print(u); out.print(','); out.print(v); out.print(','); out.println(spike ? 1 : 0);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--input: no such file " + input);
        }
        out.flush();
        return 0;
    }

    private int param(String name) {
        String s = params.get(name);
        if (s == null) return 0;
        try { return Integer.parseInt(s.strip()); }
        catch (NumberFormatException e) { throw new IllegalArgumentException("--param " + name + ": '" + s + "' is not an integer"); }
    }
}
