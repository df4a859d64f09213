package org.neuroracle.nir;

import java.util.Arrays;

/**
 * A sparse linear map with delays, rows = outputs, cols = inputs: output i receives w * input j, delayed by d steps,
 * for every entry (i, j, d, w). NIR's stateless nodes (Affine, Linear, Scale, Delay, Flatten, Conv, pools) become
 * such maps, and a chain of them between two neuron layers is their composition: one engine projection.
 */
final class SparseMap {
    final int rows, cols;
    final int[] rowPtr, col, delay;
    final double[] w;

    SparseMap(int rows, int cols, int[] rowPtr, int[] col, int[] delay, double[] w) {
        this.rows = rows; this.cols = cols; this.rowPtr = rowPtr; this.col = col; this.delay = delay; this.w = w;
    }

    int nnz() { return rowPtr[rows]; }

    static SparseMap identity(int n) {
        int[] rp = new int[n + 1], c = new int[n], d = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) { rp[i + 1] = i + 1; c[i] = i; w[i] = 1; }
        return new SparseMap(n, n, rp, c, d, w);
    }

    static SparseMap diagonal(double[] scale, int[] delaySteps) {
        int n = scale.length;
        int[] rp = new int[n + 1], c = new int[n], d = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) { rp[i + 1] = i + 1; c[i] = i; w[i] = scale[i]; d[i] = delaySteps == null ? 0 : delaySteps[i]; }
        return new SparseMap(n, n, rp, c, d, w);
    }

    /** Row-major dense [rows x cols] matrix; exact zeros are dropped. */
    static SparseMap dense(double[] m, int rows, int cols) {
        Builder b = new Builder(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) if (m[i * cols + j] != 0) b.add(j, 0, m[i * cols + j]);
            b.endRow();
        }
        return b.build();
    }

    /** This map applied after {@code first}: (this o first). Entries with equal (col, delay) in a row are summed. */
    SparseMap after(SparseMap first) {
        if (cols != first.rows) throw new IllegalArgumentException("composition " + rows + "x" + cols + " after " + first.rows + "x" + first.cols);
        Builder b = new Builder(rows, first.cols);
        long[] keys = new long[16];
        double[] vals = new double[16];
        for (int i = 0; i < rows; i++) {
            int n = 0;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int j = col[k];
                for (int q = first.rowPtr[j]; q < first.rowPtr[j + 1]; q++) {
                    if (n == keys.length) { keys = Arrays.copyOf(keys, n * 2); vals = Arrays.copyOf(vals, n * 2); }
                    keys[n] = ((long) first.col[q] << 20) | (delay[k] + first.delay[q]);
                    vals[n++] = w[k] * first.w[q];
                }
            }
            mergeRow(b, keys, vals, n);
            b.endRow();
        }
        return b.build();
    }

    private static void mergeRow(Builder b, long[] keys, double[] vals, int n) {
        if (n == 0) return;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        final long[] ks = keys;
        Arrays.sort(idx, (x, y) -> Long.compare(ks[x], ks[y]));
        long cur = keys[idx[0]];
        double sum = 0;
        for (int t = 0; t < n; t++) {
            int i = idx[t];
            if (keys[i] != cur) {
                if (sum != 0) b.add((int) (cur >>> 20), (int) (cur & 0xFFFFF), sum);
                cur = keys[i];
                sum = 0;
            }
            sum += vals[i];
        }
        if (sum != 0) b.add((int) (cur >>> 20), (int) (cur & 0xFFFFF), sum);
    }

    /** y = M x, ignoring delays (biases are constant in time). */
    double[] apply(double[] x) {
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) s += w[k] * x[col[k]];
            y[i] = s;
        }
        return y;
    }

    static final class Builder {
        final int rows, cols;
        int[] rowPtr, col = new int[64], delay = new int[64];
        double[] w = new double[64];
        int n, row;

        Builder(int rows, int cols) { this.rows = rows; this.cols = cols; rowPtr = new int[rows + 1]; }

        void add(int c, int d, double value) {
            if (n == col.length) { col = Arrays.copyOf(col, n * 2); delay = Arrays.copyOf(delay, n * 2); w = Arrays.copyOf(w, n * 2); }
            col[n] = c; delay[n] = d; w[n++] = value;
        }

        void endRow() { rowPtr[++row] = n; }

        SparseMap build() {
            while (row < rows) endRow();
            return new SparseMap(rows, cols, rowPtr, Arrays.copyOf(col, n), Arrays.copyOf(delay, n), Arrays.copyOf(w, n));
        }
    }
}
