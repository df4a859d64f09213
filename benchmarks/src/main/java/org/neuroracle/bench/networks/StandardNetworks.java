package org.neuroracle.bench.networks;

import org.neuroracle.bench.BenchException;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.util.ArrayList;
import java.util.List;

/**
 * The networks {@code neuroracle bench} knows: snn-core's built-ins (cuba, coba, cuba-fixed, brunel) and the
 * Potjans-Diesmann {@code microcircuit}, the only one with a size knob ({@code scale}).
 */
public final class StandardNetworks {
    /** The microcircuit's scale when none is given: NEST's example default, 7,717 neurons and about 3e6 synapses. */
    public static final double DEFAULT_MICROCIRCUIT_SCALE = 0.1;

    private StandardNetworks() {}

    public static List<String> names() {
        List<String> n = new ArrayList<>(BuiltinNetworks.names());
        n.add(Microcircuit.NAME);
        return List.copyOf(n);
    }

    /**
     * @param scale null for the network's default size; only the microcircuit accepts another
     * @throws BenchException for an unknown name or a scale given to a fixed-size network
     */
    public static Network build(String name, long seed, Double scale) {
        if (name.equals(Microcircuit.NAME)) {
            double s = scale == null ? DEFAULT_MICROCIRCUIT_SCALE : scale;
            if (!(s > 0 && s <= 1)) throw new BenchException("--scale: " + s + " must be in (0, 1] for the microcircuit");
            return Microcircuit.build(s, seed);
        }
        if (!BuiltinNetworks.names().contains(name))
            throw new BenchException("unknown network '" + name + "'; standard networks are " + names());
        if (scale != null && scale != 1.0)
            throw new BenchException("--scale: network '" + name + "' has a fixed published size; --scale applies to microcircuit only");
        return BuiltinNetworks.byName(name, seed);
    }
}
