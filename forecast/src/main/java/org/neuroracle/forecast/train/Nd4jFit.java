package org.neuroracle.forecast.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.neuroracle.forecast.model.LinearReadout;

/**
 * Readout training with ND4J (double precision): L2-regularised logistic regression by full-batch gradient descent
 * and ridge regression in closed form, both on standardised features. Results are folded into integer
 * {@link LinearReadout}s for serving; ND4J is never used at forecast time.
 */
public final class Nd4jFit {
    private Nd4jFit() {}

    /** Per-feature mean and standard deviation (population); constant features get sd 0. */
    public record Standardiser(double[] mean, double[] sd) {
        public static Standardiser of(double[][] x) {
            int d = x[0].length;
            double[] m = new double[d], s = new double[d];
            for (double[] r : x) for (int j = 0; j < d; j++) m[j] += r[j];
            for (int j = 0; j < d; j++) m[j] /= x.length;
            for (double[] r : x) for (int j = 0; j < d; j++) s[j] += (r[j] - m[j]) * (r[j] - m[j]);
            for (int j = 0; j < d; j++) { s[j] = Math.sqrt(s[j] / x.length); if (s[j] < 1e-9) s[j] = 0; }
            return new Standardiser(m, s);
        }

        INDArray apply(double[][] x) { return apply(x, false); }

        /**
         * The standardised rows as one n x d ('c' order) array, with a column of ones appended when {@code bias}:
         * written once, straight into one flat buffer (no per-row copies, no hstack copy; same values).
         */
        INDArray apply(double[][] x, boolean bias) {
            int n = x.length, d = mean.length, w = bias ? d + 1 : d;
            double[] z = new double[Math.multiplyExact(n, w)];
            for (int i = 0; i < n; i++) {
                int o = i * w;
                for (int j = 0; j < d; j++) z[o + j] = sd[j] == 0 ? 0 : (x[i][j] - mean[j]) / sd[j];
                if (bias) z[o + d] = 1;
            }
            return Nd4j.create(z, new long[]{n, w}, 'c');
        }
    }

    /** A fitted linear model on standardised features. */
    public record Fit(double[] w, double b, Standardiser st) {
        public LinearReadout readout() { return LinearReadout.fold(w, b, st.mean(), st.sd()); }

        public double predict(double[] x) {
            double z = b;
            for (int j = 0; j < w.length; j++) if (st.sd()[j] > 0) z += w[j] * (x[j] - st.mean()[j]) / st.sd()[j];
            return z;
        }
    }

    static {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /**
     * L2-regularised logistic regression by Newton's method (iteratively reweighted least squares): each step is
     * one weighted X'WX product (a BLAS gemm, where ND4J is fast) and one small solve; the bias is not penalised.
     * The problem is strictly convex, so a handful of steps reach the optimum.
     */
    public static Fit logistic(double[][] x, double[] y, double l2, int iterations) { return logistic(x, y, l2, iterations, null); }

    /**
     * The same, started from {@code start} (a fit on similar data, e.g. the full training set when fitting its
     * folds), so a few Newton steps suffice; the result still depends only on the data and the start.
     */
    public static Fit logistic(double[][] x, double[] y, double l2, int iterations, Fit start) {
        Standardiser st = Standardiser.of(x);
        int n = x.length, d = x[0].length;
        // Off-heap memory (issue 13: eval vote peaked at 1.96 GB RSS with a 640 MB heap): each n x (d+1) array
        // here is ~90 MB on the shared data; the weighted copy is reused across Newton steps instead of one new
        // array per step, and the large arrays are released when the fit ends instead of whenever a GC finds
        // them. The arithmetic (every product and its operands) is unchanged.
        INDArray Z = st.apply(x, true);
        INDArray Zt = Z.transpose().dup('c');
        INDArray ZW = Nd4j.createUninitialized(DataType.DOUBLE, n, d + 1);
        INDArray Y = Nd4j.create(y, n, 1);
        INDArray reg = Nd4j.eye(d + 1).muli(l2);
        reg.putScalar(d, d, 0);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, d + 1, 1);
        double prior = Math.max(1e-3, Math.min(1 - 1e-3, Y.meanNumber().doubleValue()));
        w.putScalar(d, 0, Math.log(prior / (1 - prior)));
        if (start != null && start.w().length == d) {
            for (int j = 0; j < d; j++) w.putScalar(j, 0, start.w()[j]);
            w.putScalar(d, 0, start.b());
        }
        for (int it = 0; it < iterations; it++) {
            INDArray p = Transforms.sigmoid(Z.mmul(w), false);
            INDArray g = Zt.mmul(p.sub(Y)).divi(n).addi(reg.mmul(w));
            INDArray wts = p.mul(p.rsub(1.0)).addi(1e-9);
            ZW.assign(Z).muliColumnVector(wts);
            INDArray H = Zt.mmul(ZW).divi(n).addi(reg);
            INDArray step = Nd4j.create(Spd.solve(H.toDoubleMatrix(), g.toDoubleVector()), d + 1, 1);
            w.subi(step);
            if (step.norm2Number().doubleValue() < 1e-6 * (1 + w.norm2Number().doubleValue())) break;
        }
        double[] all = w.toDoubleVector();
        Z.close();
        Zt.close();
        ZW.close();
        return new Fit(java.util.Arrays.copyOf(all, d), all[d], st);
    }

    public static Fit ridge(double[][] x, double[] y, double l2) {
        Standardiser st = Standardiser.of(x);
        INDArray X = st.apply(x);
        int n = x.length, d = x[0].length;
        double mean = 0;
        for (double v : y) mean += v;
        mean /= n;
        double[] yc = new double[n];
        for (int i = 0; i < n; i++) yc[i] = y[i] - mean;
        INDArray Y = Nd4j.create(yc, n, 1);
        INDArray A = X.transpose().mmul(X).addi(Nd4j.eye(d).muli(l2 * n));
        double[] w = Spd.solve(A.toDoubleMatrix(), X.transpose().mmul(Y).toDoubleVector());
        X.close();
        return new Fit(w, mean, st);
    }
}
