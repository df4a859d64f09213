package org.neuroracle.nir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pass 2: resolves edge names ({@link EdgeNames}) and flattens nested graphs into one level. Inner node {@code b} of
 * nested graph {@code a} becomes {@code a.b}; an edge end naming a nested graph means its only Input (as a target)
 * or its only Output (as a source); inner Input and Output nodes pass values through ({@link Primitive.Identity}).
 * Every node is parsed into its typed form here, so an unknown type fails before any other check.
 */
final class GraphFlattener {
    private final Map<String, Primitive> nodes = new TreeMap<>();
    private final List<String[]> edges = new ArrayList<>();
    private final List<String> resolutions = new ArrayList<>();

    private GraphFlattener() {}

    static FlatGraph flatten(NirGraph graph) {
        GraphFlattener f = new GraphFlattener();
        f.add(graph, "", true);
        for (String[] e : f.edges)
            for (String end : e)
                if (!f.nodes.containsKey(end))
                    throw new NirException("dangling edge '" + e[0] + "' -> '" + e[1] + "': no node named '" + end + "'");
        f.openEnds();
        List<String> warnings = f.resolutions.isEmpty() ? List.of()
                : List.of("resolved edge names that name no node, as snnTorch's reader does: " + String.join("; ", f.resolutions));
        return new FlatGraph(f.nodes, f.edges, graph.metadata(), warnings);
    }

    /**
     * Graph inputs the way NIR's type inference sees them: a nested Input that nothing feeds and a nested Output
     * that feeds nothing stay the graph's Input and Output, and every other node without incoming edges gets an
     * Input node {@code input_<name>} in front of it (NIR's {@code NIRGraph.infer_types} does the same).
     */
    private void openEnds() {
        java.util.Set<String> fed = new java.util.HashSet<>(), feeding = new java.util.HashSet<>();
        for (String[] e : edges) { feeding.add(e[0]); fed.add(e[1]); }
        for (Primitive p : List.copyOf(nodes.values())) {
            if (p instanceof Primitive.Identity id) {
                if (id.wasInput() && !fed.contains(id.name()))
                    nodes.put(id.name(), new Primitive.Input(id.name(), id.shape(), id.metadata()));
                else if (!id.wasInput() && !feeding.contains(id.name()))
                    nodes.put(id.name(), new Primitive.Output(id.name(), id.shape(), id.metadata()));
                continue;
            }
            if (p instanceof Primitive.Input || p instanceof Primitive.Output || fed.contains(p.name())) continue;
            String name = "input_" + p.name();
            for (int i = 0; nodes.containsKey(name); i++) name = "input_" + p.name() + "_" + i;
            nodes.put(name, new Primitive.Input(name, null, java.util.Map.of()));
            edges.add(new String[]{name, p.name()});
        }
    }

    private void add(NirGraph g, String prefix, boolean top) {
        for (NirNode n : g.nodes().values()) {
            String name = prefix + n.name();
            if (n.graph() != null) {
                add(n.graph(), name + ".", false);
                continue;
            }
            Primitive p = Primitives.parse(new NirNode(name, n.type(), n.params(), n.metadata(), null));
            if (!top && p instanceof Primitive.Input x) p = new Primitive.Identity(name, true, x.shape(), x.metadata());
            else if (!top && p instanceof Primitive.Output x) p = new Primitive.Identity(name, false, x.shape(), x.metadata());
            if (nodes.put(name, p) != null)
                throw new NirException("node '" + name + "' is defined twice (a node with a dotted name and a nested graph's node)");
        }
        Map<String, String> renamed = EdgeNames.resolve(g, prefix, resolutions);
        for (String[] e : g.edges()) {
            String a = renamed.getOrDefault(e[0], e[0]), b = renamed.getOrDefault(e[1], e[1]);
            edges.add(new String[]{end(g, prefix, a, false), end(g, prefix, b, true)});
        }
    }

    /** An edge end naming a nested graph means its only Output (as source) or its only Input (as target). */
    private static String end(NirGraph g, String prefix, String end, boolean asTarget) {
        NirNode n = g.nodes().get(end);
        if (n != null && n.graph() != null) {
            String want = asTarget ? "Input" : "Output";
            List<String> ends = n.graph().nodes().values().stream().filter(x -> x.graph() == null)
                    .filter(x -> asTarget ? Primitives.parse(x) instanceof Primitive.Input : Primitives.parse(x) instanceof Primitive.Output)
                    .map(NirNode::name).toList();
            if (ends.size() != 1)
                throw new NirException("edge end '" + prefix + end + "' names a nested graph with " + ends.size() + " " + want + " nodes; name one as '" + end + ".<node>'");
            return prefix + end + "." + ends.get(0);
        }
        return prefix + end;
    }
}
