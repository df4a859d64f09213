package org.neuroracle.forecast.train;

/**
 * Solves A x = b for a symmetric positive definite A (the regularised Hessians and normal equations of the readout
 * fits) by Cholesky factorisation. ND4J's {@code linalg().solve} op took most of the training time for the
 * 389 x 389 systems of the vote readouts (one Newton step per call; measured with jstack on the shared machine),
 * while the factorisation here is ~10^7 flops; the heavy X'WX products stay in ND4J's BLAS.
 */
final class Spd {
    private Spd() {}

    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                double[] li = l[i], lj = l[j];
                for (int k = 0; k < j; k++) s -= li[k] * lj[k];
                if (i == j) {
                    if (!(s > 0)) throw new IllegalStateException("readout fit: matrix is not positive definite at row " + i + " (increase the L2 strength)");
                    li[i] = Math.sqrt(s);
                } else li[j] = s / lj[j];
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i][k] * y[k];
            y[i] = s / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) s -= l[k][i] * x[k];
            x[i] = s / l[i][i];
        }
        return x;
    }
}
