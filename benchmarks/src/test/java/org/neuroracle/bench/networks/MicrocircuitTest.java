package org.neuroracle.bench.networks;

import org.junit.jupiter.api.Test;
import org.neuroracle.bench.BenchException;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.Projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicrocircuitTest {
    @Test
    void pspToDriveConversionMatchesNestsPscOverPspFormula() {
        // NEST's helpers: PSC/PSP = 1 / (pre * (frac^tau_m - frac^tau_syn)) with sub = 1/(tau_syn - tau_m),
        // pre = tau_m tau_syn / C_m * sub, frac = (tau_m / tau_syn)^sub; our drive is R * PSC with R = tau_m / C_m.
        double cm = 250, tauM = 10, tauS = 0.5;
        double sub = 1 / (tauS - tauM), pre = tauM * tauS / cm * sub, frac = Math.pow(tauM / tauS, sub);
        double pscOverPsp = 1 / (pre * (Math.pow(frac, tauM) - Math.pow(frac, tauS)));
        assertEquals(pscOverPsp * tauM / cm, Microcircuit.mvPerPspMv(tauM, tauS), 1e-9);
        // 0.15 mV PSP -> 87.8 pA (NEST example) -> 3.51 mV of drive at R = 40 MOhm.
        assertEquals(87.8, 0.15 * pscOverPsp, 0.05);
    }

    @Test
    void scaledCircuitHasPublishedStructure() {
        Network net = Microcircuit.build(0.02, 5);
        assertEquals(8, net.populations().size());
        int[] expected = {414, 117, 438, 110, 97, 21, 288, 59};
        for (int p = 0; p < 8; p++) assertEquals(expected[p], net.populations().get(p).size(), Microcircuit.POPULATIONS.get(p));
        // L4E -> L2/3E: full in-degree ~ 0.0437 * 21915 (log form slightly higher), scaled by 0.02.
        Projection l4eToL23e = net.projections().stream().filter(pr -> pr.name().equals("L4E->L23E")).findFirst().orElseThrow();
        int inDegree = (int) Math.round(Microcircuit.fullInDegree(0, 2) * 0.02);
        assertEquals(inDegree * 414L, l4eToL23e.synapseCount());
        assertTrue(Math.abs(Microcircuit.fullInDegree(0, 2) - 0.0437 * 21915) < 0.05 * 0.0437 * 21915);
        // Its weight is doubled relative to other excitatory projections onto L2/3E.
        Projection l23eToL23e = net.projections().stream().filter(pr -> pr.name().equals("L23E->L23E")).findFirst().orElseThrow();
        assertEquals(2.0, mean(l4eToL23e) / mean(l23eToL23e), 0.05);
        // Inhibitory weights are g = -4 times excitatory ones.
        Projection l23iToL23e = net.projections().stream().filter(pr -> pr.name().equals("L23I->L23E")).findFirst().orElseThrow();
        assertEquals(-4.0, mean(l23iToL23e) / mean(l23eToL23e), 0.1);
        assertEquals(8, net.backgroundInputs().size());
        assertTrue(((Lif) net.populations().get(0).model()).biasMv() > 0, "DC compensation for the scaled in-degrees");
    }

    @Test
    void delaysKeepPublishedMeanAndSd() {
        var exc = (org.neuroracle.snn.model.DelaySpec.UniformInt) Microcircuit.delays(1.5);
        double meanMs = (exc.lowSteps() + exc.highSteps()) / 2.0 * 0.1;
        int n = exc.highSteps() - exc.lowSteps() + 1;
        double sdMs = Math.sqrt((n * n - 1) / 12.0) * 0.1;
        assertEquals(1.5, meanMs, 1e-9);
        assertEquals(0.75, sdMs, 0.04); // integer steps: 27 values (sd 0.78 ms) is the nearest symmetric choice
    }

    @Test
    void scaleMustBeInUnitInterval() {
        assertThrows(BenchException.class, () -> StandardNetworks.build("microcircuit", 1, 1.5));
        assertThrows(BenchException.class, () -> StandardNetworks.build("coba", 1, 0.5));
        var e = assertThrows(BenchException.class, () -> StandardNetworks.build("nosuch", 1, null));
        assertTrue(e.getMessage().contains("microcircuit"), e.getMessage());
    }

    private static double mean(Projection p) {
        double s = 0;
        for (float w : p.weights()) s += w;
        return s / p.synapseCount();
    }
}
