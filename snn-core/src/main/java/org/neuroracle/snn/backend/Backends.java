package org.neuroracle.snn.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds backends on the class path with {@link ServiceLoader}. Board backends answer to {@code board:<name>}. */
public final class Backends {
    private Backends() {}

    public static List<Backend> all() {
        List<Backend> out = new ArrayList<>();
        for (Backend b : ServiceLoader.load(Backend.class)) out.add(b);
        return out;
    }

    /** The backend with this name, or an error listing the names that exist. */
    public static Backend byName(String name) {
        List<Backend> all = all();
        for (Backend b : all) if (b.name().equals(name)) return b;
        for (Backend b : all) {
            Backend v = b.variant(name);
            if (v != null) return v;
        }
        throw new BackendException("unknown backend '" + name + "'; available: "
                + all.stream().map(Backend::name).collect(Collectors.joining(", ")));
    }
}
