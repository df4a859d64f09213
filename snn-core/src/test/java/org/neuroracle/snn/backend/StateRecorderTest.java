package org.neuroracle.snn.backend;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateRecorderTest {
    private static Network net() {
        return Network.builder("probed").population("a", 4, new CubaLifFixed(new int[]{100}, 100, 10, 0, 0, 0))
                .recordState("a", "v", new int[]{3, 1}, 3).recordState("a", "u", null, 2).build();
    }

    @Test void samplesTheDueStepsAndTheListedNeurons() {
        StateRecorder r = new StateRecorder(net());
        assertFalse(r.isEmpty());
        for (long t = 0; t < 40; t++) {
            final long step = t;
            r.sample(t, (p, var) -> new double[]{step, step + 0.25, step + 0.5, var.equals("v") ? step + 0.75 : -1});
        }
        StateSamples v = r.samples(0), u = r.samples(1);
        assertEquals(13, v.steps().length);       // steps 2, 5, .., 38
        assertEquals(2, v.steps()[0]);
        assertEquals(38, v.steps()[12]);
        assertArrayEquals(new double[]{38.75, 38.25}, v.values()[12]);
        assertEquals(20, u.steps().length);       // steps 1, 3, .., 39
        assertArrayEquals(new double[]{39, 39.25, 39.5, -1}, u.values()[19]);
        assertTrue(r.due(1) && r.due(2) && !r.due(4));
        assertEquals(1, r.nextDue(0));
        assertEquals(5, r.nextDue(4));
        assertEquals(7, r.nextDue(6));
        assertEquals(3, r.nextDue(3));
        r.clear();
        assertEquals(0, r.samples(0).steps().length);
        assertEquals("samples: the network has 2 state probe(s), not index 2",
                assertThrows(IllegalArgumentException.class, () -> r.samples(2)).getMessage());
    }

    @Test void aNetworkWithoutProbesIsNeverDue() {
        Network n = Network.builder("plain").population("a", 4, new CubaLifFixed(new int[]{100}, 100, 10, 0, 0, 0)).build();
        StateRecorder r = new StateRecorder(n);
        assertTrue(r.isEmpty());
        assertEquals(Long.MAX_VALUE, r.nextDue(0));
    }
}
