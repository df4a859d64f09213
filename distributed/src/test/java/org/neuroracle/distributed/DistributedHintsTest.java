package org.neuroracle.distributed;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.Simulation;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hints a caller gives the whole run reach this rank's own simulation (the bench calls expectSteps once, before its chunks). */
class DistributedHintsTest {
    @Test void expectStepsReachesTheRanksSimulation() {
        List<String> calls = new ArrayList<>();
        Simulation local = (Simulation) Proxy.newProxyInstance(Simulation.class.getClassLoader(), new Class<?>[]{Simulation.class},
                (proxy, m, args) -> {
                    calls.add(m.getName() + (args == null ? "" : " " + args[0]));
                    return null;
                });
        // No MPI call happens on this path: expectSteps neither times nor exchanges.
        new DistributedSimulation(null, local, null, null, -1).expectSteps(1_000_000L);
        assertEquals(List.of("expectSteps 1000000"), calls);
    }
}
