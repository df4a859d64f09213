package org.neuroracle.distributed;

import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.cpu.CpuBackend;

/** Run under mpirun by {@link DistributedDeterminismTest}: args NETWORK STEPS_A STEPS_B; rank 0 prints the {@link RunReport}. */
public final class DeterminismCheckMain {
    public static void main(String[] args) {
        try (MpiSession mpi = MpiSession.open()) {
            // "whole:" builds the whole network on every rank instead of each rank's part: both must give the same run.
            boolean whole = args[0].startsWith("whole:");
            String name = whole ? args[0].substring(6) : args[0];
            var net = whole ? TestNetworks.byName(name) : mpi.buildPart(() -> TestNetworks.byName(name));
            try (DistributedSimulation sim = mpi.compile(new CpuBackend(), net, Options.defaults())) {
                String report = RunReport.of(sim, Integer.parseInt(args[1]), Integer.parseInt(args[2]));
                if (mpi.isRoot()) System.out.print("REPORT\n" + report + "END\n");
            }
        }
    }
}
