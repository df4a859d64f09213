package org.neuroracle.snn.cpu;

import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

/**
 * The A/B harness's way into the package-private cpu simulation, compiled against and loaded with each side's
 * classes: opens a built-in network with the measured schedule ({@code auto}) or every step threaded.
 */
public final class AbProbe {
    private static final class AlwaysThreaded extends ThreadSchedule {
        AlwaysThreaded() { super(() -> 0); }
        @Override boolean parallel() { return true; }
        @Override int chunk(long remaining) { return (int) Math.min(remaining, 500); }
        @Override void ran(int steps, long nanos) { }
    }
    public static Simulation open(String network, int threads, String mode) {
        Network net = BuiltinNetworks.byName(network, 1);
        if (mode.equals("auto")) return new CpuSimulation(net, threads);
        return new CpuSimulation(net, threads, null, new AlwaysThreaded());
    }
}
