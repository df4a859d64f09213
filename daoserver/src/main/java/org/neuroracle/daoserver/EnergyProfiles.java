package org.neuroracle.daoserver;

import org.neuroracle.hw.HardwareProfiles;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which hardware profiles' energy estimates a forecast answer carries: {@code all}, {@code none}, or a
 * comma-separated list of profile names ({@code GET /v1/profiles}). Energy is not part of the attested output, so
 * the selection changes only the answer's {@code energy} array. The node's default is the {@code energyProfiles}
 * config field; a request chooses with the {@code energy} query parameter. Every estimate costs the forecast
 * worker CPU and adds about 1.1 kB to the answer and its journal row, which is why a default answer does not carry
 * all of them.
 */
record EnergyProfiles(Set<String> names) implements Predicate<String> {
    /** Every bundled profile (the DAO pages' forecast view). */
    static final EnergyProfiles ALL = new EnergyProfiles(null);
    /** No estimate (trajectory views, the oracle node, raster recomputation: they read no energy). */
    static final EnergyProfiles NONE = new EnergyProfiles(Set.of());

    @Override public boolean test(String profile) { return names == null || names.contains(profile); }

    /** A stable text for cache keys: {@code all}, {@code none} or the sorted names. */
    String key() { return names == null ? "all" : names.isEmpty() ? "none" : String.join(",", new TreeSet<>(names)); }

    /**
     * Parses {@code all}, {@code none} or {@code name[,name...]}; throws {@link IllegalArgumentException} starting
     * with {@code field} for an empty value or an unknown name.
     */
    static EnergyProfiles parse(String value, String field) {
        String v = value == null ? "" : value.strip();
        if (v.equals("all")) return ALL;
        if (v.equals("none")) return NONE;
        List<String> known = HardwareProfiles.names();
        Set<String> names = new LinkedHashSet<>();
        for (String part : v.split(",", -1)) {
            String n = part.strip();
            if (n.isEmpty()) throw new IllegalArgumentException(field + ": expected all, none or comma-separated profile names, got '" + value + "'");
            if (!known.contains(n)) throw new IllegalArgumentException(field + ": no hardware profile '" + n + "'; known: " + String.join(", ", known));
            names.add(n);
        }
        return new EnergyProfiles(Set.copyOf(names));
    }
}
