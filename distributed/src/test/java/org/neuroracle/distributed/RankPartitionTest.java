package org.neuroracle.distributed;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.networks.BuiltinNetworks;
import org.neuroracle.snn.model.Network;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RankPartitionTest {
    @Test void rangesTileEveryPopulationInRankOrder() {
        Network net = BuiltinNetworks.cubaFixed(1);
        for (int ranks = 1; ranks <= 7; ranks++) {
            int covered = 0;
            for (int r = 0; r < ranks; r++) {
                RankPartition part = RankPartition.of(net, r, ranks);
                for (int p = 0; p < net.populations().size(); p++) {
                    if (r > 0) assertEquals(RankPartition.of(net, r - 1, ranks).to(p), part.from(p));
                    if (r == ranks - 1) assertEquals(net.populations().get(p).size(), part.to(p));
                }
                covered += part.ownedNeurons();
            }
            assertEquals(net.neuronCount(), covered);
        }
    }

    @Test void ownerIsTheRankWhoseRangeHoldsTheNeuron() {
        for (int size : new int[]{1, 5, 7, 800, 3200})
            for (int ranks = 1; ranks <= 9; ranks++)
                for (int i = 0; i < size; i++) {
                    int o = RankPartition.owner(size, i, ranks);
                    assertEquals(true, (long) size * o / ranks <= i && i < (long) size * (o + 1) / ranks, size + "/" + ranks + ": neuron " + i + " -> " + o);
                }
    }

    @Test void exchangeIntervalIsTheMinimumDelay() {
        assertEquals(15, RankPartition.exchangeIntervalSteps(BuiltinNetworks.brunel(1)));
        assertEquals(1, RankPartition.exchangeIntervalSteps(BuiltinNetworks.cubaFixed(1)));
    }
}
