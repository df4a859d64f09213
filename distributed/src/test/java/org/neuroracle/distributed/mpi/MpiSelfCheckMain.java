package org.neuroracle.distributed.mpi;

import java.util.Arrays;

/** Run under mpirun by {@link MpiBindingTest}: every collective with values each rank can predict; prints OK or FAIL per rank. */
public final class MpiSelfCheckMain {
    public static void main(String[] args) {
        try (Mpi mpi = Mpi.init()) {
            int r = mpi.rank(), n = mpi.size();
            StringBuilder fail = new StringBuilder();
            int[] ranks = mpi.allgather(r * 10 + 1);
            for (int k = 0; k < n; k++) if (ranks[k] != k * 10 + 1) fail.append(" allgather=").append(Arrays.toString(ranks));
            // Rank k sends k+1 values k*100 + i.
            int[] mine = new int[r + 1];
            for (int i = 0; i <= r; i++) mine[i] = r * 100 + i;
            int[] counts = mpi.allgather(mine.length);
            int[] all = mpi.allgatherv(mine, mine.length, counts);
            int[] expect = expected(n);
            if (!Arrays.equals(all, expect)) fail.append(" allgatherv=").append(Arrays.toString(all));
            int[] gi = mpi.gatherv(mine);
            long[] gl = mpi.gatherv(Arrays.stream(mine).asLongStream().map(x -> x + (1L << 40)).toArray());
            double[] gd = mpi.gatherv(Arrays.stream(mine).asDoubleStream().map(x -> x + 0.5).toArray());
            if (mpi.isRoot()) {
                if (!Arrays.equals(gi, expect)) fail.append(" gatherv(int)=").append(Arrays.toString(gi));
                if (!Arrays.equals(gl, Arrays.stream(expect).asLongStream().map(x -> x + (1L << 40)).toArray())) fail.append(" gatherv(long)=").append(Arrays.toString(gl));
                if (!Arrays.equals(gd, Arrays.stream(expect).asDoubleStream().map(x -> x + 0.5).toArray())) fail.append(" gatherv(double)=").append(Arrays.toString(gd));
            } else if (gi != null || gl != null || gd != null) {
                fail.append(" gatherv returned data on a non-root rank");
            }
            int[] empty = mpi.allgatherv(new int[0], 0, mpi.allgather(0));
            if (empty.length != 0) fail.append(" empty allgatherv=").append(empty.length);
            double t0 = mpi.wtime();
            mpi.barrier();
            if (!(mpi.wtime() >= t0)) fail.append(" wtime went backwards");
            System.out.println((fail.isEmpty() ? "OK" : "FAIL" + fail) + " rank " + r + " of " + n);
        }
    }

    private static int[] expected(int n) {
        int[] e = new int[n * (n + 1) / 2];
        int o = 0;
        for (int k = 0; k < n; k++) for (int i = 0; i <= k; i++) e[o++] = k * 100 + i;
        return e;
    }
}
