package org.neuroracle.distributed;

import org.neuroracle.distributed.mpi.Mpi;
import org.neuroracle.snn.backend.SpikeBatch;

import java.util.ArrayList;
import java.util.List;

/** Run under mpirun by {@link MpiSpikeExchangeTest}: each rank sends predictable spikes; prints OK or FAIL per rank. */
public final class ExchangeCheckMain {
    static final int[] SIZES = {10, 7};
    static final int STEPS = 3;

    public static void main(String[] args) {
        try (Mpi mpi = Mpi.init()) {
            int n = mpi.size();
            RankPartition[] parts = new RankPartition[n];
            for (int r = 0; r < n; r++) parts[r] = partition(r, n);
            MpiSpikeExchange x = new MpiSpikeExchange(mpi, parts[mpi.rank()], STEPS, SIZES.length);
            StringBuilder fail = new StringBuilder();
            for (int round = 0; round < 2; round++) {
                int first = 100 + round * STEPS;
                SpikeBatch local = new SpikeBatch(SIZES.length, STEPS);
                local.begin(first);
                for (int s = 0; s < STEPS; s++) {
                    local.addStep();
                    for (int p = 0; p < SIZES.length; p++) {
                        int[] mine = spikes(parts[mpi.rank()], p, s + round);
                        local.add(p, mine, mine.length);
                    }
                }
                SpikeBatch got = x.exchange(local);
                if (got.firstStep() != first || got.steps() != STEPS) fail.append(" steps ").append(got.firstStep()).append('+').append(got.steps());
                for (int s = 0; s < STEPS; s++)
                    for (int p = 0; p < SIZES.length; p++) {
                        List<Integer> expect = new ArrayList<>();
                        for (int r = 0; r < n; r++) for (int v : spikes(parts[r], p, s + round)) expect.add(v);
                        List<Integer> actual = new ArrayList<>();
                        for (int i = got.start(s, p); i < got.end(s, p); i++) actual.add(got.neurons()[i]);
                        if (!expect.equals(actual)) fail.append(" (round ").append(round).append(" step ").append(s).append(" pop ").append(p).append(") ").append(actual).append(" != ").append(expect);
                    }
            }
            if (x.stats().exchanges() != 2) fail.append(" exchanges=").append(x.stats().exchanges());
            System.out.println((fail.isEmpty() ? "OK" : "FAIL" + fail) + " rank " + mpi.rank() + " of " + n);
        }
    }

    static RankPartition partition(int rank, int ranks) {
        int[] from = new int[SIZES.length], to = new int[SIZES.length];
        for (int p = 0; p < SIZES.length; p++) { from[p] = SIZES[p] * rank / ranks; to[p] = SIZES[p] * (rank + 1) / ranks; }
        return new RankPartition(rank, ranks, from, to);
    }

    /** Rank-owned neurons a + k (k = 0, 1, 2) with (a + k + salt) % 3 != 0: some groups empty, ascending. */
    static int[] spikes(RankPartition part, int p, int salt) {
        List<Integer> l = new ArrayList<>();
        for (int i = part.from(p); i < part.to(p); i++) if ((i + salt) % 3 != 0) l.add(i);
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
