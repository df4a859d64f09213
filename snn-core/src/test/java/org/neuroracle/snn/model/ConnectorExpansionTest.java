package org.neuroracle.snn.model;

import org.junit.jupiter.api.Test;
import org.neuroracle.snn.rng.Philox;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connectors written straight into CSR (counting scatter, blocks in parallel) give exactly the CSR of their
 * (pre, post) pairs sorted, the form the builder had before and the one the golden digests were recorded with.
 */
class ConnectorExpansionTest {
    private static final long SEED = 77;
    private static final int STREAM = 5;

    /** Floyd's draws per target as pairs, sorted: the definition. */
    private static long[] fanInPairs(int fanIn, int nPre, int nPost, boolean same) {
        int pool = same ? nPre - 1 : nPre;
        long[] pairs = new long[nPost * fanIn];
        int n = 0;
        boolean[] taken = new boolean[pool];
        for (int t = 0; t < nPost; t++) {
            Arrays.fill(taken, false);
            for (int r = pool - fanIn; r < pool; r++) {
                int x = (int) ((Integer.toUnsignedLong(Philox.draw(SEED, STREAM, t, r)) * (r + 1)) >>> 32);
                int pick = taken[x] ? r : x;
                taken[pick] = true;
                int i = same && pick >= t ? pick + 1 : pick;
                pairs[n++] = ((long) i << 32) | t;
            }
        }
        Arrays.sort(pairs);
        return pairs;
    }

    private static void assertCsrOfPairs(long[] pairs, int nPre, ConnectorExpansion.Csr csr, String at) {
        int[] rowPtr = new int[nPre + 1], targets = new int[pairs.length];
        for (int k = 0; k < pairs.length; k++) { rowPtr[(int) (pairs[k] >>> 32) + 1]++; targets[k] = (int) pairs[k]; }
        for (int i = 0; i < nPre; i++) rowPtr[i + 1] += rowPtr[i];
        assertArrayEquals(rowPtr, csr.rowPtr(), at + ": row pointers");
        assertArrayEquals(targets, csr.targets(), at + ": targets");
    }

    @Test void fixedFanInIsItsSortedPairsSerialAndInParallelBlocks() {
        // 2,500 x 40 = 100,000 synapses: one block; 23,000 x 100 = 2.3 M: several blocks on the fork-join pool.
        int[][] cases = {{3_000, 2_500, 40}, {24_000, 23_000, 100}};
        assertEquals(1, ConnectorExpansion.blocks(2_500L * 40, 3_000));
        assertTrue(ConnectorExpansion.blocks(23_000L * 100, 24_000) > 1 && ConnectorExpansion.blocks(24_000L * 100, 24_000) > 1);
        for (int[] c : cases) {
            int nPre = c[0], nPost = c[1], fanIn = c[2];
            for (boolean same : new boolean[]{false, true}) {
                int post = same ? nPre : nPost;
                ConnectorExpansion.Csr csr = ConnectorExpansion.expand(new Connector.FixedFanIn(fanIn, false), "fan", SEED, STREAM, nPre, post, same, 0, post, false);
                assertCsrOfPairs(fanInPairs(fanIn, nPre, post, same), nPre, csr, nPre + "x" + post + " same=" + same);
                assertNull(csr.global());
            }
        }
    }

    @Test void fixedProbabilityRowsAreSortedAndCountedInOrder() {
        ConnectorExpansion.Csr csr = ConnectorExpansion.expand(new Connector.FixedProbability(0.05, false), "prob", SEED, STREAM, 900, 900, true, 0, 900, false);
        long[] pairs = new long[csr.size()];
        for (int i = 0, k = 0; i < 900; i++)
            for (int q = csr.rowPtr()[i]; q < csr.rowPtr()[i + 1]; q++) {
                assertTrue(csr.targets()[q] != i, "no self-connection");
                pairs[k++] = ((long) i << 32) | csr.targets()[q];
            }
        long[] sorted = pairs.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, pairs, "row-major, targets ascending");
    }
}
