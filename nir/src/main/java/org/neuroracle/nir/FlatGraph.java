package org.neuroracle.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A NIR graph after {@link GraphFlattener}: one level of typed nodes keyed by their dotted path ({@code a.b} for node
 * {@code b} of nested graph {@code a}), edges between existing nodes, the top graph's metadata, and the warnings
 * the name resolution produced.
 */
record FlatGraph(Map<String, Primitive> nodes, List<String[]> edges, Map<String, Object> metadata, List<String> warnings) {
    FlatGraph {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        edges = List.copyOf(edges);
        metadata = Map.copyOf(metadata);
        warnings = List.copyOf(warnings);
    }

    Primitive node(String name) { return nodes.get(name); }

    /** Targets of each node's outgoing edges, in edge order. */
    Map<String, List<String>> successors() {
        Map<String, List<String>> out = new HashMap<>();
        for (String[] e : edges) out.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
        return out;
    }
}
