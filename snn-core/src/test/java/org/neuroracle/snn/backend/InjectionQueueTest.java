package org.neuroracle.snn.backend;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InjectionQueueTest {
    private static Network net() {
        return Network.builder("two").population("a", 10, new CubaLifFixed(new int[]{100}, 100, 10, 0, 0, 0))
                .population("b", 3, new CubaLifFixed(new int[]{100}, 100, 10, 0, 0, 0)).build();
    }

    @Test void keysAreSortedByStepPopulationNeuron() {
        InjectionQueue q = new InjectionQueue(net());
        q.add(1, new int[]{2, 0}, new int[]{5, 3}, 0);
        q.add(0, new int[]{9, 4}, new int[]{5, 3}, 0);
        long[] k = q.keys();
        assertEquals(4, q.size());
        int[][] want = {{3, 0, 4}, {3, 1, 0}, {5, 0, 9}, {5, 1, 2}};
        for (int i = 0; i < 4; i++)
            assertArrayEquals(want[i], new int[]{InjectionQueue.stepOf(k[i]), InjectionQueue.populationOf(k[i]), InjectionQueue.neuronOf(k[i])});
        assertEquals(0, q.first(0));
        assertEquals(2, q.first(4));
        assertEquals(4, q.first(6));
        q.dropBefore(5);
        assertEquals(2, q.size());
        assertEquals(5, InjectionQueue.stepOf(q.keys()[0]));
        q.clear();
        assertEquals(0, q.size());
    }

    @Test void badInjectionsNameWhatIsWrong() {
        InjectionQueue q = new InjectionQueue(net());
        assertEquals("inject: no population with index 2",
                assertThrows(IllegalArgumentException.class, () -> q.add(2, new int[]{0}, new int[]{0}, 0)).getMessage());
        assertEquals("inject: neuron 3 is outside population 'b' (size 3)",
                assertThrows(IllegalArgumentException.class, () -> q.add(1, new int[]{3}, new int[]{0}, 0)).getMessage());
        assertEquals("inject: step 4 is in the past (current step 5)",
                assertThrows(IllegalArgumentException.class, () -> q.add(0, new int[]{1}, new int[]{4}, 5)).getMessage());
        assertEquals("inject: neurons and steps differ in length",
                assertThrows(IllegalArgumentException.class, () -> q.add(0, new int[]{1}, new int[0], 0)).getMessage());
        assertEquals(0, q.size(), "a rejected call adds nothing");
    }
}
