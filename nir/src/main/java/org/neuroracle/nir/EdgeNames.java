package org.neuroracle.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Resolves edge ends that name no node of their graph, the way real exporters' files need it. snnTorch writes a
 * recurrent layer as a nested graph whose edges use role names ({@code input -> lif}, {@code lif -> lin}) while the
 * neuron node itself is keyed by the layer name ({@code lif1}); its reader ({@code snntorch.import_nir}) matches the
 * subgraph's nodes by type and never looks the edge names up. The rule here is the name-based equivalent:
 * a dangling end is resolved to the one node of the same graph that no edge names and whose name extends it or is
 * extended by it ({@code lif} and {@code lif1}); failing that, when exactly one end dangles and exactly one node is
 * unnamed, to that node. An end naming a dotted group ({@code lif1} where the graph holds {@code lif1.lif} and
 * {@code lif1.w_rec}, snnTorch's flat convention) resolves to the group's only neuron node. Anything else stays
 * dangling and is refused by the importer.
 */
final class EdgeNames {
    private EdgeNames() {}


    /** Dangling end name to the node name it stands for, for the edges of {@code g}; each resolution is logged. */
    static Map<String, String> resolve(NirGraph g, String prefix, List<String> log) {
        Set<String> dangling = new TreeSet<>();
        Set<String> referenced = new LinkedHashSet<>();
        for (String[] e : g.edges())
            for (String end : e) {
                if (exists(g, end)) referenced.add(head(g, end));
                else dangling.add(end);
            }
        Map<String, String> out = new LinkedHashMap<>();
        if (dangling.isEmpty()) return out;
        List<String> unnamed = new ArrayList<>();
        for (String n : g.nodes().keySet()) if (!referenced.contains(n)) unnamed.add(n);
        for (String d : dangling) {
            List<String> cands = new ArrayList<>();
            for (String n : unnamed) if (n.startsWith(d) || d.startsWith(n)) cands.add(n);
            if (cands.size() != 1 && dangling.size() == 1 && unnamed.size() == 1) cands = List.of(unnamed.get(0));
            if (cands.size() != 1) {
                cands = new ArrayList<>();
                for (NirNode n : g.nodes().values())
                    if (n.name().startsWith(d + ".") && n.graph() == null
                            && Primitives.parse(n) instanceof Primitive.Layer l && !(l instanceof Primitive.Input)) cands.add(n.name());
            }
            if (cands.size() != 1) continue;
            String c = cands.get(0);
            out.put(d, c);
            unnamed.remove(c);
            log.add("'" + prefix + d + "' -> node '" + prefix + c + "' (" + g.nodes().get(c).type() + ")");
        }
        return out;
    }

    /** Whether an edge end names a node of g: directly, or a dotted path into a nested graph. */
    private static boolean exists(NirGraph g, String end) {
        if (g.nodes().containsKey(end)) return true;
        int dot = end.indexOf('.');
        if (dot <= 0) return false;
        NirNode sub = g.nodes().get(end.substring(0, dot));
        return sub != null && sub.graph() != null && exists(sub.graph(), end.substring(dot + 1));
    }

    private static String head(NirGraph g, String end) {
        if (g.nodes().containsKey(end)) return end;
        return end.substring(0, end.indexOf('.'));
    }
}
