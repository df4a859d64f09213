package org.neuroracle.hw;

import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.Population;
import org.neuroracle.snn.model.Projection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a network against a profile's published limits. Placement: each non-source population gets
 * ceil(size / neurons_per_core) cores of its own, neurons in index order (what Loihi-style compilers do per
 * population); source populations are host inputs and take no cores. Every limit is checked and every violation
 * reported; limits the profile does not publish are listed as unchecked.
 */
public final class Mapper {
    private Mapper() {}

    public static MappingReport map(Network network, HardwareProfile profile) {
        List<String> violations = new ArrayList<>(), unchecked = new ArrayList<>();
        List<Population> pops = network.populations();
        long neurons = 0;
        for (Population p : pops) if (!p.model().isSource()) neurons += p.size();

        // Neurons per core: published, or derived from per-chip figures.
        Optional<Long> perCore = profile.count(HardwareProfile.NEURONS_PER_CORE);
        Optional<Long> coresPerChip = profile.count(HardwareProfile.CORES_PER_CHIP);
        Optional<Long> perChip = profile.count(HardwareProfile.NEURONS_PER_CHIP);
        long npc = perCore.orElse(perChip.isPresent() && coresPerChip.isPresent() ? Math.max(1, perChip.get() / coresPerChip.get()) : -1);
        long cores = -1, chips = -1;
        long[] coreBase = new long[pops.size()];
        if (npc > 0) {
            cores = 0;
            for (int p = 0; p < pops.size(); p++) {
                coreBase[p] = cores;
                if (!pops.get(p).model().isSource()) cores += (pops.get(p).size() + npc - 1) / npc;
            }
            if (coresPerChip.isPresent()) {
                chips = (cores + coresPerChip.get() - 1) / coresPerChip.get();
                if (chips > 1) violations.add("needs " + cores + " cores = " + chips + " chips of " + coresPerChip.get()
                        + " cores (" + npc + " neurons per core); the profile describes one chip");
            } else unchecked.add("cores per chip (not published)");
        } else unchecked.add("neurons per core (not published): cores used unknown");
        if (perChip.isPresent()) {
            if (neurons > perChip.get()) violations.add(neurons + " neurons exceed the chip's " + perChip.get());
            if (chips < 0) chips = (neurons + perChip.get() - 1) / perChip.get();
        } else unchecked.add("neurons per chip (not published)");
        long synapses = network.synapseCount();
        profile.count(HardwareProfile.SYNAPSES_PER_CHIP).ifPresentOrElse(
                s -> { if (synapses > s) violations.add(synapses + " synapses exceed the chip's " + s); },
                () -> unchecked.add("synapses per chip (not published)"));

        // Fan-in per neuron (all projections and channels).
        int maxFanIn = 0;
        String fanInAt = "";
        for (int p = 0; p < pops.size(); p++) {
            if (pops.get(p).model().isSource()) continue;
            int[] fan = new int[pops.get(p).size()];
            for (Projection pr : network.projections()) if (pr.post() == p) for (int t : pr.targets()) fan[t]++;
            for (int i = 0; i < fan.length; i++) if (fan[i] > maxFanIn) { maxFanIn = fan[i]; fanInAt = pops.get(p).name() + "[" + i + "]"; }
        }
        final int fanIn = maxFanIn;
        final String fanInWhere = fanInAt;
        profile.count(HardwareProfile.FAN_IN_PER_NEURON).ifPresentOrElse(
                f -> { if (fanIn > f) violations.add("neuron " + fanInWhere + " has fan-in " + fanIn + "; the chip allows " + f + " inputs per neuron"); },
                () -> unchecked.add("fan-in per neuron (not published); the network's largest is " + fanIn));

        // Fan-out per neuron (synapses leaving one on-chip neuron, all projections): source populations are host
        // inputs, which Xylo-style chips route through separate input weights, so they are not limited by it.
        int maxFanOut = 0;
        String fanOutAt = "";
        for (int p = 0; p < pops.size(); p++) {
            if (pops.get(p).model().isSource()) continue;
            int[] fan = new int[pops.get(p).size()];
            for (Projection pr : network.projections())
                if (pr.pre() == p) for (int i = 0; i < pr.preSize(); i++) fan[i] += pr.rowPtr()[i + 1] - pr.rowPtr()[i];
            for (int i = 0; i < fan.length; i++) if (fan[i] > maxFanOut) { maxFanOut = fan[i]; fanOutAt = pops.get(p).name() + "[" + i + "]"; }
        }
        final int fanOut = maxFanOut;
        final String fanOutWhere = fanOutAt;
        profile.count(HardwareProfile.FAN_OUT_PER_NEURON).ifPresentOrElse(
                f -> { if (fanOut > f) violations.add("neuron " + fanOutWhere + " has fan-out " + fanOut + "; the chip allows " + f + " targets per neuron"); },
                () -> unchecked.add("fan-out per neuron (not published); the network's largest is " + fanOut));

        // Per-core fan-in (distinct presynaptic neurons per core) and fan-out in cores per neuron.
        if (npc > 0) {
            long[] axons = new long[(int) Math.min(cores, Integer.MAX_VALUE)];
            int worstFanOut = 0;
            String worstFanOutAt = "";
            for (Projection pr : network.projections()) {
                for (int i = 0; i < pr.preSize(); i++) {
                    long last = -1;
                    for (int k = pr.rowPtr()[i]; k < pr.rowPtr()[i + 1]; k++) {
                        long core = coreBase[pr.post()] + pr.targets()[k] / npc;
                        if (core != last) { axons[(int) core]++; last = core; }
                    }
                }
            }
            if (profile.count(HardwareProfile.FAN_OUT_CORES_PER_NEURON).isPresent()) {
                long limit = profile.count(HardwareProfile.FAN_OUT_CORES_PER_NEURON).get();
                for (int p = 0; p < pops.size(); p++) {
                    for (int i = 0; i < pops.get(p).size(); i++) {
                        Set<Long> set = new HashSet<>();
                        for (Projection pr : network.projections()) {
                            if (pr.pre() != p) continue;
                            for (int k = pr.rowPtr()[i]; k < pr.rowPtr()[i + 1]; k++) set.add(coreBase[pr.post()] + pr.targets()[k] / npc);
                        }
                        if (set.size() > worstFanOut) { worstFanOut = set.size(); worstFanOutAt = pops.get(p).name() + "[" + i + "]"; }
                    }
                }
                if (worstFanOut > limit) violations.add("neuron " + worstFanOutAt + " projects to " + worstFanOut + " cores; the chip allows " + limit);
            } else unchecked.add("fan-out in cores per neuron (not published)");
            long worstAxons = 0;
            for (long a : axons) worstAxons = Math.max(worstAxons, a);
            final long wa = worstAxons;
            profile.count(HardwareProfile.FAN_IN_PER_CORE).ifPresentOrElse(
                    f -> { if (wa > f) violations.add("a core receives " + wa + " distinct input axons; the chip allows " + f + " per core"); },
                    () -> unchecked.add("input axons per core (not published)"));
            profile.quantity(HardwareProfile.SYNAPSE_MEMORY_PER_CORE).ifPresent(mem -> {
                long bits = profile.count(HardwareProfile.WEIGHT_BITS).orElse(8L);
                long[] perCoreSyn = new long[axons.length];
                for (Projection pr : network.projections()) for (int t : pr.targets()) perCoreSyn[(int) (coreBase[pr.post()] + t / npc)]++;
                long worst = 0;
                for (long s : perCoreSyn) worst = Math.max(worst, s);
                if (worst * bits > mem.base()) violations.add("a core holds " + worst + " synapses x " + bits + " bits = " + worst * bits
                        + " bits; synapse memory per core is " + Units.plain(mem.base()) + " bits");
            });
        }

        // Distinct weights per neuron (crossbar chips with a few axon types).
        profile.count(HardwareProfile.DISTINCT_WEIGHTS_PER_NEURON).ifPresent(limit -> {
            int worst = 0;
            String at = "";
            for (int p = 0; p < pops.size(); p++) {
                if (pops.get(p).model().isSource()) continue;
                List<Set<Double>> sets = new ArrayList<>();
                for (int i = 0; i < pops.get(p).size(); i++) sets.add(new HashSet<>());
                for (Projection pr : network.projections()) {
                    if (pr.post() != p) continue;
                    for (int k = 0; k < pr.synapseCount(); k++)
                        sets.get(pr.targets()[k]).add(pr.isFixed() ? pr.effectiveWeight(k) : (double) pr.weights()[k]);
                }
                for (int i = 0; i < sets.size(); i++) if (sets.get(i).size() > worst) { worst = sets.get(i).size(); at = pops.get(p).name() + "[" + i + "]"; }
            }
            if (worst > limit) violations.add("neuron " + at + " uses " + worst + " distinct weights; the chip allows " + limit + " per neuron");
        });

        // Weight bits.
        Optional<Long> weightBits = profile.count(HardwareProfile.WEIGHT_BITS);
        if (weightBits.isPresent()) {
            for (Projection pr : network.projections()) {
                if (!pr.isFixed()) {
                    violations.add("projection '" + pr.name() + "' has float weights; quantise them to " + weightBits.get() + "-bit integers (Quantiser)");
                    continue;
                }
                int need = 1;
                for (int m : pr.weightMantissas()) need = Math.max(need, Quantiser.signedBits(m));
                if (need > weightBits.get())
                    violations.add("projection '" + pr.name() + "' needs " + need + "-bit weights; the chip has " + weightBits.get() + " (Quantiser.requantise)");
            }
        } else unchecked.add("weight bits (not published)");

        // State bits.
        Optional<Long> stateBits = profile.count(HardwareProfile.STATE_BITS);
        int needState = network.mode() == NumericMode.FIXED ? 24 : 32;
        if (stateBits.isPresent()) {
            if (stateBits.get() < needState)
                violations.add("the network's state needs " + needState + " bits (" + (needState == 24 ? "cuba-lif-fixed u and v" : "float32") + "); the chip has " + stateBits.get());
        } else unchecked.add("state bits (not published)");

        // Delays and refractory periods.
        int maxDelay = network.maxDelaySteps();
        profile.count(HardwareProfile.MAX_DELAY_STEPS).ifPresentOrElse(
                d -> { if (maxDelay > d) violations.add("a synaptic delay of " + maxDelay + " steps exceeds the chip's " + d); },
                () -> { if (maxDelay > 1) unchecked.add("synaptic delays (maximum not published; the network uses up to " + maxDelay + " steps)"); });
        int maxRef = 0;
        for (Population p : pops) maxRef = Math.max(maxRef, switch (p.model()) {
            case CubaLifFixed m -> m.refractorySteps();
            case Lif m -> (int) Math.ceil(m.refractoryMs() / network.dtMs());
            case Alif m -> (int) Math.ceil(m.refractoryMs() / network.dtMs());
            default -> 0;
        });
        final int refSteps = maxRef;
        profile.count(HardwareProfile.MAX_REFRACTORY_STEPS).ifPresentOrElse(
                r -> { if (refSteps > r) violations.add("a refractory period of " + refSteps + " steps exceeds the chip's " + r); },
                () -> { if (refSteps > 0) unchecked.add("refractory period (maximum not published; the network uses " + refSteps + " steps)"); });

        profile.fact(HardwareProfile.NEURON_MODEL).ifPresent(f -> {
            if (f.value().startsWith("none")) violations.add("the chip has no leaky integrate-and-fire neurons (" + f.value() + ")");
        });
        return new MappingReport(profile.name(), cores, chips, violations, unchecked);
    }
}
