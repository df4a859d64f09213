package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.backend.InjectionQueue;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Projection;
import org.neuroracle.snn.model.SpikeSourceArray;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The device image is plain Java: its buffers are checked word by word here, without any OpenCL device. */
class DeviceImageTest {
    /** a (3 neurons, 2 channels), src (spike array, 2), b (70 neurons, 1 channel); three projections. */
    private static Network net() {
        return Network.builder("image").seed(0x1_0000_0002L)
                .population("a", 3, new CubaLifFixed(new int[]{100, 200}, 300, 40, 0, 0, 2))
                .population("src", 2, new SpikeSourceArray(new int[]{2, 2, 2, 4}, new int[]{0, 0, 1, 1}))
                .population("b", 70, new CubaLifFixed(new int[]{50}, 60, 70, 0, 0, 0))
                .projection(new Projection("src-a", 1, 0, 1, new int[]{0, 1, 3}, new int[]{2, 0, 1}, null,
                        new int[]{5, -3, 7}, 1, new int[]{1, 2, 3}))
                .projection(new Projection("a-b", 0, 2, 0, new int[]{0, 1, 1, 2}, new int[]{69, 0}, null,
                        new int[]{1, 2}, 0, new int[]{1, 1}))
                .projection(new Projection("src-b", 1, 2, 0, new int[]{0, 0, 1}, new int[]{3}, null,
                        new int[]{4}, 0, new int[]{5}))
                .recordSpikes("b", new int[]{3, 5})
                .build();
    }

    @Test void mergedCsrHasOneRowPerGlobalNeuronWithLanesDelaysAndWeights() {
        DeviceImage im = new DeviceImage(net(), 64);
        assertArrayEquals(new int[]{0, 3, 5}, im.layout.neuronBase);
        assertArrayEquals(new int[]{0, 6, 6}, im.layout.laneBase);
        int[] rowPtr = new int[76];
        int[] head = {0, 1, 1, 2, 3, 6};
        System.arraycopy(head, 0, rowPtr, 0, head.length);
        Arrays.fill(rowPtr, head.length, rowPtr.length, 6);
        assertArrayEquals(rowPtr, im.rowPtr);
        // a0 -> b69, a2 -> b0; src0 -> a ch1 n2; src1 -> a ch1 n0, n1, then src1 -> b3 (projection order)
        assertArrayEquals(new int[]{6 + 69, 6, 3 + 2, 3, 4, 6 + 3}, im.synLane);
        assertArrayEquals(new int[]{1, 1, 1, 2, 3, 5}, im.synDelay);
        assertArrayEquals(new int[]{1, 2, 10, -6, 14, 4}, im.synWeight);
    }

    @Test void populationTableAssignsWorkGroupsPerPopulation() {
        DeviceImage im = new DeviceImage(net(), 64);
        int s = PopulationLayout.STRIDE;
        assertArrayEquals(new int[]{PopulationLayout.KIND_CUBA_LIF_FIXED, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                Arrays.copyOfRange(im.popTable, 0, s));
        assertEquals(PopulationLayout.KIND_SPIKE_ARRAY, im.popTable[s + PopulationLayout.KIND]);
        assertEquals(0, im.popTable[s + PopulationLayout.GROUPS]);
        assertArrayEquals(new int[]{PopulationLayout.KIND_CUBA_LIF_FIXED, 70, 5, 6, 3 * 4, 2 * ParamLayout.FIXED_STRIDE, 0, 0, 0, 0, 1, 2},
                Arrays.copyOfRange(im.popTable, 2 * s, 3 * s));
        assertArrayEquals(new int[]{0, 2, 2}, im.groupPop);
        assertEquals(3, im.neuronGroups);
        assertEquals(2, im.seedLo);
        assertEquals(1, im.seedHi);
        assertEquals(2, im.params[ParamLayout.FP_REFRACTORY + 0 * ParamLayout.FIXED_STRIDE] + 0 * im.params[0]);
        assertEquals(200, im.params[ParamLayout.FP_DU + 1]);
    }

    @Test void onlyProbedNeuronsAreRecordedAndTheBatchCannotOverflowTheRecordBuffer() {
        DeviceImage im = new DeviceImage(net(), 64);
        int[] flags = new int[75];
        flags[5 + 3] = flags[5 + 5] = 1;
        assertArrayEquals(flags, im.recordFlags);
        assertEquals(2, im.recordedNeurons);
        assertEquals(DeviceImage.RECORD_CAPACITY_MIN / 2, im.batchSteps);
    }

    @Test void externalSpikesAreGroupedByStepArraysFirstThenInjectionsInCanonicalOrder() {
        Network net = net();
        DeviceImage im = new DeviceImage(net, 64);
        InjectionQueue inj = new InjectionQueue(net);
        inj.add(2, new int[]{7}, new int[]{2}, 0);
        inj.add(0, new int[]{1, 0}, new int[]{2, 9}, 0);
        DeviceImage.External ext = im.external(0, 10, inj);
        assertArrayEquals(new int[]{2, 2, 2, 2, 4, 9}, ext.steps());
        assertArrayEquals(new int[]{3, 1, 0, 1, 4, 1, 1, 1, 1, 0, 1, 0, 5 + 7, 2, 7, 0, 4, 1, 1, 1, 0, 0, 0, 0}, ext.entries());
        assertEquals(4, ext.maxPerStep());
        assertEquals(4, ext.first(3));
        assertEquals(6, ext.first(10));
        DeviceImage.External later = im.external(3, 9, inj);
        assertArrayEquals(new int[]{4}, later.steps());
        assertArrayEquals(new int[]{4, 1, 1, 1}, later.entries());
    }
}
