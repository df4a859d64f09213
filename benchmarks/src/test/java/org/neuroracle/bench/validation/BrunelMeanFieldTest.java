package org.neuroracle.bench.validation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrunelMeanFieldTest {
    /*
     * Reference values from an independent evaluation of the same formulas with SciPy 1.17 (quad + brentq,
     * erfcx): NEST's brunel_delta_nest.py parameters give 32.03 Hz and CV 0.421; the paper's reset of 10 mV
     * with C_E = 800 (this project's earlier network) gives 43.23 Hz, where the cpu backend measured 43.3 Hz.
     */
    @Test void nestExampleRateAndCvMatchAnIndependentEvaluation() {
        BrunelMeanField nest = BrunelMeanField.NEST_EXAMPLE;
        assertEquals(32.03, nest.rateHz(), 0.01);
        assertEquals(0.421, nest.cvIsi(), 0.002);
        assertEquals(23.98, nest.muMv(nest.rateHz()), 0.01);
        assertEquals(7.10, nest.sigmaMv(nest.rateHz()), 0.01);
    }

    @Test void papersResetWithTheOldInDegreeGivesTheRateMeasuredBefore() {
        BrunelMeanField old = new BrunelMeanField(20, 20, 10, 2, 0.1, 5, 800, 200, 20_000);
        assertEquals(43.23, old.rateHz(), 0.01);
        assertEquals(0.619, old.cvIsi(), 0.002);
    }

    @Test void rateIsTheFixedPointOfTheTransferFunction() {
        BrunelMeanField m = BrunelMeanField.NEST_EXAMPLE;
        double nu = m.rateHz();
        assertEquals(nu, m.transferHz(nu), 1e-6 * nu);
        // Inhibition dominates (g C_I > C_E), so more network activity lowers the transfer: a unique, stable fixed point.
        assertTrue(m.transferHz(2 * nu) < m.transferHz(nu));
    }
}
