package org.neuroracle.bench.validation;

import org.junit.jupiter.api.Test;
import org.neuroracle.bench.validation.SpikeStatistics.PopulationStatistics;
import org.neuroracle.bench.validation.Validation.Check;
import org.neuroracle.bench.validation.Validation.Metric;
import org.neuroracle.bench.validation.Validation.Range;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.backend.SpikeRaster;
import org.neuroracle.snn.cpu.CpuBackend;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference bands accept a correct simulation and reject broken ones: the same networks with one deliberate
 * error each (what a wrong sign, a lost delay or a wrong constant in a simulator would produce).
 */
class ReferenceBandsTest {
    private static final int STEPS = 10_000, WARMUP_STEPS = 2_000; // 1 s simulated, the first 200 ms skipped

    /** A small Brunel model A (N_E 2000, C_E 200) with J raised to 0.5 mV so J C_E and the drive match NEST's example. */
    private static final BrunelMeanField SMALL_BRUNEL = new BrunelMeanField(20, 20, 0, 2, 0.5, 5, 200, 50, 4_000);

    static List<Check> simulate(Network net, List<Range> ranges) {
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults().withThreads(1))) {
            sim.run(STEPS);
            SpikeRaster r = sim.spikes();
            List<PopulationStatistics> stats = new ArrayList<>();
            for (int p = 0; p < net.populations().size(); p++) {
                int n = r.size(), c = 0;
                int[] neurons = new int[n], steps = new int[n];
                for (int k = 0; k < n; k++)
                    if (r.population(k) == p) { neurons[c] = r.neuron(k); steps[c++] = r.step(k); }
                var pop = net.populations().get(p);
                stats.add(SpikeStatistics.of(pop.name(), SpikeTrains.of(neurons, steps, c, pop.size(), WARMUP_STEPS, STEPS, net.dtMs())));
            }
            return Validation.check(stats, ranges);
        }
    }

    static boolean failsOn(List<Check> checks, Metric metric) {
        return checks.stream().anyMatch(c -> c.metric() == metric && !c.pass());
    }

    /** Brunel model A with the given inhibitory weight factor (-g in the paper) and delay. */
    static Network brunel(BrunelMeanField m, double inhibitoryFactor, int delaySteps, long seed) {
        Lif model = new Lif(m.tauMs(), 0, m.resetMv(), m.thetaMv(), m.refractoryMs(), 0, List.of(Synapse.delta()), Integration.EXACT);
        DelaySpec d = DelaySpec.constant(delaySteps);
        return Network.builder("brunel-small").dtMs(0.1).seed(seed)
                .population("exc", m.cE() * 10, model)
                .population("inh", m.cI() * 10, model)
                .projection("ee", "exc", "exc", new Connector.FixedFanIn(m.cE(), false), WeightSpec.constant(m.jMv()), d, 0)
                .projection("ei", "exc", "inh", new Connector.FixedFanIn(m.cE(), false), WeightSpec.constant(m.jMv()), d, 0)
                .projection("ie", "inh", "exc", new Connector.FixedFanIn(m.cI(), false), WeightSpec.constant(inhibitoryFactor * m.jMv()), d, 0)
                .projection("ii", "inh", "inh", new Connector.FixedFanIn(m.cI(), false), WeightSpec.constant(inhibitoryFactor * m.jMv()), d, 0)
                .background("exc", 0, m.externalRateHz(), m.jMv())
                .background("inh", 0, m.externalRateHz(), m.jMv())
                .build();
    }

    /** COBA as in BuiltinNetworks, with the inhibitory projections' target channel, their strength and the membrane tau as knobs. */
    static Network coba(int inhibitoryChannel, double tauMembraneMs, double inhibitoryScale, long seed) {
        Lif model = new Lif(tauMembraneMs, -60, -60, -50, 5, 0,
                List.of(Synapse.conductance(5, 0), Synapse.conductance(10, -80)), Integration.EULER);
        var b = Network.builder("coba").dtMs(0.1).seed(seed).population("exc", 3200, model).population("inh", 800, model);
        for (String p : new String[]{"exc", "inh"})
            b.initialNormal(p, "v", -65, 5).initialNormal(p, "g0", 4, 1.5).initialNormal(p, "g1", 20, 12);
        Connector c = new Connector.FixedProbability(0.02, false);
        return b.projection("exc_exc", "exc", "exc", c, WeightSpec.constant(0.6), DelaySpec.constant(1), 0)
                .projection("exc_inh", "exc", "inh", c, WeightSpec.constant(0.6), DelaySpec.constant(1), 0)
                .projection("inh_exc", "inh", "exc", c, WeightSpec.constant(6.7 * inhibitoryScale), DelaySpec.constant(1), inhibitoryChannel)
                .projection("inh_inh", "inh", "inh", c, WeightSpec.constant(6.7 * inhibitoryScale), DelaySpec.constant(1), inhibitoryChannel)
                .build();
    }

    @Test void correctCobaPassesEveryBand() {
        List<Check> checks = simulate(BuiltinNetworks.coba(1), ReferenceRanges.forNetwork("coba"));
        assertTrue(Validation.allPass(checks), checks::toString);
    }

    @Test void cobaWhoseInhibitionExcitesIsRejected() {
        // Inhibitory spikes opening the excitatory conductance (reversal 0 mV instead of -80 mV): a sign error.
        List<Check> checks = simulate(coba(0, 20, 1, 1), ReferenceRanges.forNetwork("coba"));
        assertTrue(failsOn(checks, Metric.RATE_HZ), checks::toString);
    }

    @Test void cobaWithTenfoldWeakerInhibitionIsRejected() {
        // A lost factor of ten in the inhibitory conductance (0.67 instead of 6.7 in units of g_L).
        List<Check> checks = simulate(coba(1, 20, 0.1, 1), ReferenceRanges.forNetwork("coba"));
        assertTrue(failsOn(checks, Metric.RATE_HZ), checks::toString);
    }

    @Test void correctSmallBrunelPassesItsMeanFieldBands() {
        List<Check> checks = simulate(brunel(SMALL_BRUNEL, -SMALL_BRUNEL.g(), 15, 1), ReferenceRanges.brunel(SMALL_BRUNEL.predict(), "N_E 2000"));
        assertTrue(Validation.allPass(checks), checks::toString);
    }

    @Test void brunelWithExcitatoryInhibitionIsRejected() {
        List<Check> checks = simulate(brunel(SMALL_BRUNEL, +SMALL_BRUNEL.g(), 15, 1), ReferenceRanges.brunel(SMALL_BRUNEL.predict(), "N_E 2000"));
        assertTrue(failsOn(checks, Metric.RATE_HZ), checks::toString);
    }

    @Test void brunelWithTheWrongMembraneTimeConstantIsRejected() {
        // tau_m 10 ms instead of 20 ms (the COBA bands do not catch this one: 21 Hz and CV 1.54 stay inside them).
        BrunelMeanField wrongTau = new BrunelMeanField(10, 20, 0, 2, 0.5, 5, 200, 50, 4_000);
        List<Check> checks = simulate(brunel(wrongTau, -5, 15, 1), ReferenceRanges.brunel(SMALL_BRUNEL.predict(), "N_E 2000"));
        assertFalse(Validation.allPass(checks), checks::toString);
    }

    @Test void brunelWithTooWeakInhibitionIsRejected() {
        // g = 3: excitation dominates (Brunel's synchronous regular state, Fig. 8A).
        List<Check> checks = simulate(brunel(SMALL_BRUNEL, -3, 15, 1), ReferenceRanges.brunel(SMALL_BRUNEL.predict(), "N_E 2000"));
        assertFalse(Validation.allPass(checks), checks::toString);
    }
}
