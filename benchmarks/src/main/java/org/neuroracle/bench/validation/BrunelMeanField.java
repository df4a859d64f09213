package org.neuroracle.bench.validation;

import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.SimpsonIntegrator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.special.Erf;

/**
 * The diffusion-approximation (mean-field) prediction for Brunel's (2000) model A: the stationary rate of the
 * asynchronous state, the self-consistent solution of Brunel's eq. 21 (the Siegert formula, as solved by NEST's
 * {@code pynest/examples/brunel_siegert_nest.py} for {@code brunel_delta_nest.py}), and the CV of the inter-spike
 * intervals of an LIF neuron driven by white noise with that mean and variance (Brunel 2000, appendix; Tuckwell 1988).
 * <p>With mu = tau J C_E (nu_ext_total / C_E + nu (1 - g C_I / C_E)) and
 * sigma^2 = tau J^2 C_E (nu_ext_total / C_E + nu (1 + g^2 C_I / C_E)):
 * <pre>
 * 1 / nu = t_ref + tau sqrt(pi) Int_{(V_r - mu)/sigma}^{(theta - mu)/sigma} e^{u^2} (1 + erf u) du
 * CV^2   = 2 pi (nu tau)^2 Int_{y_r}^{y_theta} e^{x^2} Int_{-inf}^{x} e^{y^2} (1 + erf y)^2 dy dx
 * </pre>
 * The theory ignores the finite PSP size (J = 0.1 mV against a 20 mV threshold) and the delay-induced
 * oscillations; it is the published reference a correct simulator must land near, not an exact value.
 *
 * @param tauMs            membrane time constant
 * @param thetaMv          threshold (relative to rest)
 * @param resetMv          reset (relative to rest)
 * @param refractoryMs     absolute refractory period
 * @param jMv              excitatory PSP jump
 * @param g                relative inhibitory strength (J_I = -g J)
 * @param cE               excitatory in-degree
 * @param cI               inhibitory in-degree
 * @param externalRateHz   total Poisson rate of the external input into one neuron (each event jumps J)
 */
public record BrunelMeanField(double tauMs, double thetaMv, double resetMv, double refractoryMs, double jMv, double g,
                              int cE, int cI, double externalRateHz) {
    /** NEST's brunel_delta_nest.py: the built-in {@code brunel} network. */
    public static final BrunelMeanField NEST_EXAMPLE = new BrunelMeanField(20, 20, 0, 2, 0.1, 5, 1000, 250, 20_000);

    /** The stationary rate and the CV of the inter-spike intervals the theory predicts. */
    public record Prediction(double rateHz, double cvIsi) {}

    public Prediction predict() { return new Prediction(rateHz(), cvIsi()); }

    private static final int EVALUATIONS = 1_000_000;
    /** Far enough below any y_r here that the inner integrand, ~ e^{-y^2} / (pi y^2), has vanished. */
    private static final double MINUS_INFINITY = -12;
    private static final double CV_GRID_STEP = 1e-4;

    public double muMv(double rateHz) {
        double tauS = tauMs * 1e-3;
        return tauS * jMv * (externalRateHz + rateHz * (cE - g * cI));
    }

    public double sigmaMv(double rateHz) {
        double tauS = tauMs * 1e-3;
        return Math.sqrt(tauS * jMv * jMv * (externalRateHz + rateHz * (cE + g * g * cI)));
    }

    /** The self-consistent stationary rate nu = phi(mu(nu), sigma(nu)). */
    public double rateHz() {
        double maxHz = 1000 / refractoryMs;
        return new BrentSolver(1e-9).solve(10_000, nu -> transferHz(nu) - nu, 1e-6, maxHz * (1 - 1e-9));
    }

    /** The Siegert rate of a neuron receiving input as if the network fired at {@code rateHz}. */
    double transferHz(double rateHz) {
        double mu = muMv(rateHz), sigma = sigmaMv(rateHz);
        double integral = integrate(MeanFieldFunctions::siegertIntegrand, (resetMv - mu) / sigma, (thetaMv - mu) / sigma);
        return 1 / ((refractoryMs + tauMs * Math.sqrt(Math.PI) * integral) * 1e-3);
    }

    /** CV of the ISIs at the self-consistent rate. */
    public double cvIsi() {
        double nu = rateHz(), mu = muMv(nu), sigma = sigmaMv(nu);
        double yr = (resetMv - mu) / sigma, yTheta = (thetaMv - mu) / sigma;
        // The inner integral from -inf to x, accumulated along one grid (trapezoids, error ~ h^2) instead of
        // re-integrated for every outer point: O(n) instead of O(n^2) integrand calls.
        int n = (int) Math.ceil((yTheta - MINUS_INFINITY) / CV_GRID_STEP);
        double h = (yTheta - MINUS_INFINITY) / n;
        double inner = 0, outer = 0, prevInner = 0, prevOuter = 0;
        double prevF = MeanFieldFunctions.cvInnerIntegrand(MINUS_INFINITY);
        for (int k = 1; k <= n; k++) {
            double x = MINUS_INFINITY + k * h, f = MeanFieldFunctions.cvInnerIntegrand(x);
            inner += 0.5 * h * (prevF + f);
            prevF = f;
            double g = Math.exp(x * x) * inner;
            if (x > yr) {
                double xPrev = x - h;
                if (xPrev >= yr) outer += 0.5 * h * (prevOuter + g);
                else { // the first cell straddles y_r: integrate only its part above y_r
                    double gAtYr = Math.exp(yr * yr) * (prevInner + (inner - prevInner) * (yr - xPrev) / h);
                    outer += 0.5 * (x - yr) * (gAtYr + g);
                }
            }
            prevInner = inner;
            prevOuter = g;
        }
        double nuTau = nu * tauMs * 1e-3;
        return Math.sqrt(2 * Math.PI * nuTau * nuTau * outer);
    }

    private static double integrate(UnivariateFunction f, double lo, double hi) {
        if (hi <= lo) return 0;
        return new SimpsonIntegrator(1e-10, 1e-12, 3, SimpsonIntegrator.SIMPSON_MAX_ITERATIONS_COUNT).integrate(EVALUATIONS, f, lo, hi);
    }

    /** The integrands, written so that neither factor overflows for |u| up to ~20. */
    static final class MeanFieldFunctions {
        private MeanFieldFunctions() {}

        /** e^{u^2} (1 + erf u) = e^{u^2} erfc(-u). */
        static double siegertIntegrand(double u) { return Math.exp(u * u) * Erf.erfc(-u); }

        /** e^{y^2} (1 + erf y)^2 = e^{y^2} erfc(-y)^2. */
        static double cvInnerIntegrand(double y) {
            double c = Erf.erfc(-y);
            return Math.exp(y * y) * c * c;
        }
    }
}
