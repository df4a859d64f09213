package org.neuroracle.snn.cpu;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark state sets up, steps both loops (counting and bias-known) and closes; JMH itself never runs here. */
class FixedLifStepBenchmarkTest {
    @Test void bothLoopsStepAndCountAsTheSkipRuleSays() {
        for (int bias : new int[]{0, 3395}) {
            FixedLifStepBenchmark b = new FixedLifStepBenchmark();
            b.neurons = 200;
            b.biasMant = bias;
            b.setUp();
            b.step();
            long updates = b.sim.counters().totalMembraneUpdates();
            if (bias != 0) assertEquals(10L * 200, updates, "with a bias every neuron counts");
            else assertTrue(updates > 0 && updates <= 10L * 200, "counting loop: " + updates);
            b.tearDown();
        }
    }

    @Test void smallNetworkRunsAreRepeatableAndSilentInputStaysQuiet() {
        for (String input : new String[]{"bursts", "silent"}) {
            SmallFixedNetworkBenchmark b = new SmallFixedNetworkBenchmark();
            b.input = input;
            b.setUp();
            long first = b.run(), second = b.run();
            assertEquals(first, second, input + ": a run after reset repeats the first");
            if (input.equals("silent")) assertEquals(0, first, "no input, no bias: nothing is updated");
            else assertTrue(first > 0 && b.sim.counters().totalSpikes() > 0, "bursts drive the network: " + first);
            b.tearDown();
        }
    }

    @Test void decayBenchmarkComputesTheSameStatesBothWays() {
        var d = new org.neuroracle.bench.jmh.FixedDecayBenchmark();
        d.neurons = 1000;
        d.setUp();
        int[] a = d.signAndMagnitude().clone(), b = d.floorTowardZero();
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b);
    }
}
