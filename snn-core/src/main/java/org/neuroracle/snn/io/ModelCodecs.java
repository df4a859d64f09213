package org.neuroracle.snn.io;

import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.CubaLifFixed;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.NeuronModel;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.Synapse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The one table of neuron models in network files: per model its {@code type} name, its fields in file order
 * (each with how it is written), and how it is read. Reading allows exactly the fields written, so the two sides
 * cannot drift; a new model is one entry here.
 */
final class ModelCodecs {
    private ModelCodecs() {}

    /** What a model's reader may ask of its JSON object; errors name the file, line and field. */
    interface Fields {
        double num(String name);

        double num(String name, double fallback);

        int integer(String name);

        int integer(String name, int fallback);

        /** A single integer or an array of them. */
        int[] integers(String name);

        /** {@code [[a, b], ...]} as two parallel arrays {a..., b...}. */
        int[][] pairs(String name);

        List<Synapse> synapses();

        /** {@code exact} when absent. */
        Integration integration();
    }

    /** One written field: its name and its JSON text for a model. */
    record Field<M>(String name, Function<M, String> json) {}

    /**
     * @param mode the numeric mode the model fixes for its network, or null for spike sources (either mode)
     */
    record Codec<M extends NeuronModel>(String id, Class<M> type, NumericMode mode, List<Field<M>> fields, Function<Fields, M> reader) {
        /** The names a file may use in this model's object: {@code type} and every written field. */
        Set<String> allowed() {
            Set<String> s = new LinkedHashSet<>();
            s.add("type");
            for (Field<M> f : fields) s.add(f.name());
            return s;
        }

        String write(NeuronModel model) {
            M m = type.cast(model);
            StringBuilder b = new StringBuilder("{\"type\": \"").append(id).append('"');
            for (Field<M> f : fields) b.append(", \"").append(f.name()).append("\": ").append(f.json().apply(m));
            return b.append('}').toString();
        }
    }

    private static <M> Field<M> f(String name, Function<M, String> json) { return new Field<>(name, json); }

    private static <M> Field<M> num(String name, java.util.function.ToDoubleFunction<M> get) {
        return new Field<>(name, m -> NetworkFiles.num(get.applyAsDouble(m)));
    }

    private static <M> Field<M> integer(String name, java.util.function.ToIntFunction<M> get) {
        return new Field<>(name, m -> Integer.toString(get.applyAsInt(m)));
    }

    static final List<Codec<?>> ALL = List.of(
            new Codec<>(CubaLifFixed.ID, CubaLifFixed.class, NumericMode.FIXED, List.of(
                    f("du", (CubaLifFixed m) -> Arrays.toString(m.du())),
                    integer("dv", CubaLifFixed::dv),
                    integer("vth", CubaLifFixed::vth),
                    integer("bias_mant", CubaLifFixed::biasMant),
                    integer("bias_exp", CubaLifFixed::biasExp),
                    integer("refractory_steps", CubaLifFixed::refractorySteps)),
                    in -> {
                        int[] du = in.integers("du");
                        return new CubaLifFixed(du, in.integer("dv"), in.integer("vth"), in.integer("bias_mant", 0),
                                in.integer("bias_exp", 0), in.integer("refractory_steps", 0));
                    }),
            new Codec<>(Lif.ID, Lif.class, NumericMode.FLOAT, List.of(
                    num("tau_membrane_ms", Lif::tauMembraneMs),
                    num("v_rest_mv", Lif::vRestMv),
                    num("v_reset_mv", Lif::vResetMv),
                    num("v_threshold_mv", Lif::vThresholdMv),
                    num("refractory_ms", Lif::refractoryMs),
                    num("bias_mv", Lif::biasMv),
                    f("integration", (Lif m) -> integration(m.integration())),
                    f("synapses", (Lif m) -> synapses(m.synapses()))),
                    in -> {
                        List<Synapse> syn = in.synapses();
                        Integration integ = in.integration();
                        return new Lif(in.num("tau_membrane_ms"), in.num("v_rest_mv"), in.num("v_reset_mv"), in.num("v_threshold_mv"),
                                in.num("refractory_ms", 0), in.num("bias_mv", 0), syn, integ);
                    }),
            new Codec<>(Alif.ID, Alif.class, NumericMode.FLOAT, List.of(
                    num("tau_membrane_ms", Alif::tauMembraneMs),
                    num("v_rest_mv", Alif::vRestMv),
                    num("v_reset_mv", Alif::vResetMv),
                    num("v_threshold_mv", Alif::vThresholdMv),
                    num("refractory_ms", Alif::refractoryMs),
                    num("bias_mv", Alif::biasMv),
                    num("tau_adapt_ms", Alif::tauAdaptMs),
                    num("beta_mv", Alif::betaMv),
                    f("integration", (Alif m) -> integration(m.integration())),
                    f("synapses", (Alif m) -> synapses(m.synapses()))),
                    in -> {
                        List<Synapse> syn = in.synapses();
                        Integration integ = in.integration();
                        return new Alif(in.num("tau_membrane_ms"), in.num("v_rest_mv"), in.num("v_reset_mv"), in.num("v_threshold_mv"),
                                in.num("refractory_ms", 0), in.num("bias_mv", 0), in.num("tau_adapt_ms"), in.num("beta_mv"), syn, integ);
                    }),
            new Codec<>(Izhikevich.ID, Izhikevich.class, NumericMode.FLOAT, List.of(
                    num("a", Izhikevich::a),
                    num("b", Izhikevich::b),
                    num("c", Izhikevich::c),
                    num("d", Izhikevich::d),
                    num("bias", Izhikevich::bias),
                    f("synapses", (Izhikevich m) -> synapses(m.synapses()))),
                    in -> {
                        List<Synapse> syn = in.synapses();
                        return new Izhikevich(in.num("a"), in.num("b"), in.num("c"), in.num("d"), in.num("bias", 0), syn);
                    }),
            new Codec<>(PoissonSource.ID, PoissonSource.class, null, List.of(
                    num("rate_hz", PoissonSource::rateHz)),
                    in -> new PoissonSource(in.num("rate_hz"))),
            new Codec<>(SpikeSourceArray.ID, SpikeSourceArray.class, null, List.of(
                    f("spikes", ModelCodecs::spikes)),
                    in -> {
                        int[][] p = in.pairs("spikes");
                        return new SpikeSourceArray(p[0], p[1]);
                    }));

    static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Codec<?> c : ALL) ids.add(c.id());
        return ids;
    }

    /** The codec for a file's {@code type}, or null when no model has that name. */
    static Codec<?> byId(String id) {
        for (Codec<?> c : ALL) if (c.id().equals(id)) return c;
        return null;
    }

    static Codec<?> of(NeuronModel m) {
        for (Codec<?> c : ALL) if (c.type().isInstance(m)) return c;
        throw new IllegalStateException("no network-file codec for neuron model " + m.id());
    }

    static String write(NeuronModel m) { return of(m).write(m); }

    private static String integration(Integration i) { return "\"" + i.name().toLowerCase(Locale.ROOT) + "\""; }

    private static String synapses(List<Synapse> syn) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < syn.size(); k++) {
            Synapse s = syn.get(k);
            b.append(k == 0 ? "" : ", ").append("{\"kind\": \"").append(s.kind().name().toLowerCase(Locale.ROOT)).append('"');
            if (s.kind() != Synapse.Kind.DELTA) b.append(", \"tau_ms\": ").append(NetworkFiles.num(s.tauMs()));
            if (s.kind() == Synapse.Kind.CONDUCTANCE) b.append(", \"reversal_mv\": ").append(NetworkFiles.num(s.reversalMv()));
            b.append('}');
        }
        return b.append(']').toString();
    }

    private static String spikes(SpikeSourceArray s) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < s.spikeCount(); k++) b.append(k == 0 ? "" : ",").append('[').append(s.stepAt(k)).append(',').append(s.neuronAt(k)).append(']');
        return b.append(']').toString();
    }
}
