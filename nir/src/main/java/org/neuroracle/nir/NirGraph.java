package org.neuroracle.nir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A NIR graph: named nodes and directed edges (source name, target name). Nodes are kept in name order, the order
 * h5py and NIR's reference reader iterate them. Edges into or out of a nested graph name the inner node with a
 * dot ({@code sub.input}) or the nested graph itself (its only Input or Output).
 */
public record NirGraph(String version, Map<String, NirNode> nodes, List<String[]> edges, Map<String, Object> metadata) {
    public NirGraph {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
        List<String[]> e = new ArrayList<>();
        for (String[] edge : edges) e.add(edge.clone());
        edges = Collections.unmodifiableList(e);
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata == null ? Map.of() : metadata));
    }

    public NirNode node(String name) {
        NirNode n = nodes.get(name);
        if (n == null) throw new NirException("no node named '" + name + "'");
        return n;
    }
}
