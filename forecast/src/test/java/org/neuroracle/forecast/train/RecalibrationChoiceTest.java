package org.neuroracle.forecast.train;

import org.junit.jupiter.api.Test;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.Proposal;
import org.neuroracle.forecast.model.LinearReadout;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** The nested choice of the recalibration pseudo-count follows how far the training DAOs stray from the pooled map. */
class RecalibrationChoiceTest {
    static final double[] CPS = VoteSamples.TRAIN_FRACTIONS;
    static final double[] IDENTITY_MAP = {1, 0};

    record Data(List<VoteSamples.Sample> samples, double[] z) {}

    /**
     * Four DAOs of 120 proposals; each proposal's readout value z is drawn once, its outcome ~ Bernoulli(sigmoid(z
     * + offset of its DAO)); the same z at every checkpoint.
     */
    static Data daos(double offset, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<VoteSamples.Sample> s = new ArrayList<>();
        List<Double> z = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            double off = (d % 2 == 0 ? 1 : -1) * offset;
            for (int i = 0; i < 120; i++) {
                double zi = r.nextGaussian() * 1.5;
                boolean pass = r.nextDouble() < LinearReadout.sigmoid(zi + off);
                long start = 1_600_000_000L + i * 86_400L * 5;
                Proposal p = new Proposal("dao" + d, "p" + i, start, start, start + 86_400L * 3, null, pass ? Outcome.PASSED : Outcome.DEFEATED, null);
                for (double f : CPS) {
                    s.add(new VoteSamples.Sample(p, f, new int[0], new double[0], new double[]{0}, false, pass ? 1 : 0, Double.NaN, Double.NaN, 0.5, 0.5, 0, 1, 0, 0, 0));
                    z.add(zi);
                }
            }
        }
        return new Data(s, z.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test void daosFarFromThePooledMapGetASmallPseudoCount() {
        Data d = daos(2.5, 1);
        RecalibrationChoice.Choice c = RecalibrationChoice.choose(d.samples(), IDENTITY_MAP, d.z(), CPS);
        assertEquals(4, c.daos());
        assertTrue(c.pseudoCount() <= 10, c.describe());
        assertTrue(c.scores().get(5) < c.scores().get(160), c.describe());
    }

    @Test void daosThePooledMapAlreadyFitsGetALargePseudoCount() {
        Data d = daos(0, 2);
        RecalibrationChoice.Choice c = RecalibrationChoice.choose(d.samples(), IDENTITY_MAP, d.z(), CPS);
        assertTrue(c.pseudoCount() >= 40, c.describe());
        assertTrue(c.scores().get(160) < c.scores().get(5), c.describe());
    }

    /** Four DAOs whose offset from the pooled map flips sign after 200 of their 300 proposals. */
    static Data drifting(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<VoteSamples.Sample> s = new ArrayList<>();
        List<Double> z = new ArrayList<>();
        for (int d = 0; d < 4; d++)
            for (int i = 0; i < 300; i++) {
                double zi = r.nextGaussian(), off = i < 200 ? 2 : -2;
                boolean pass = r.nextDouble() < LinearReadout.sigmoid(zi + off);
                long start = 1_600_000_000L + i * 86_400L * 5;
                Proposal p = new Proposal("dao" + d, "p" + i, start, start, start + 86_400L * 3, null, pass ? Outcome.PASSED : Outcome.DEFEATED, null);
                for (double f : CPS) {
                    s.add(new VoteSamples.Sample(p, f, new int[0], new double[0], new double[]{0}, false, pass ? 1 : 0, Double.NaN, Double.NaN, 0.5, 0.5, 0, 1, 0, 0, 0));
                    z.add(zi);
                }
            }
        return new Data(s, z.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Test void driftingDaosGetAFiniteHalfLifeAndStationaryOnesNone() {
        Data d = drifting(4);
        RecalibrationChoice.HalfLifeChoice c = RecalibrationChoice.chooseHalfLife(d.samples(), IDENTITY_MAP, d.z(), CPS, 20);
        assertTrue(c.halfLife() > 0 && c.halfLife() <= 100, c.describe());
        assertTrue(c.scores().get(c.halfLife()) < c.scores().get(0), c.describe());
        Data st = daos(0, 5);
        RecalibrationChoice.HalfLifeChoice n = RecalibrationChoice.chooseHalfLife(st.samples(), IDENTITY_MAP, st.z(), CPS, 20);
        assertTrue(n.halfLife() == 0 || n.halfLife() >= 200, n.describe());
    }

    @Test void refusesValuesThatDoNotMatchTheSamples() {
        Data d = daos(0, 3);
        assertThrows(IllegalArgumentException.class, () -> RecalibrationChoice.choose(d.samples(), IDENTITY_MAP, new double[3], CPS));
    }
}
