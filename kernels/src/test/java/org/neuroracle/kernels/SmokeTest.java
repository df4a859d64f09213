package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.networks.BuiltinNetworks;

class SmokeTest {
    @Test void smoke() {
        var net = BuiltinNetworks.byName("cuba-fixed", 1);
        for (String b : new String[]{"cpu", "opencl"}) {
            try (Simulation s = Backends.byName(b).compile(net, Options.defaults())) {
                long t0 = System.nanoTime();
                s.run(2000);
                System.out.println(b + " " + (System.nanoTime() - t0) / 1e6 + " ms spikes=" + s.spikes().size() + " " + s.counters().totalSynapticOps() + " " + s.counters().totalMembraneUpdates() + " " + Digest.of(s));
            }
        }
    }
}
