package org.neuroracle.nir;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of a NIR graph: its type (Input, Affine, LIF, NIRGraph, ...), its parameters (each an {@link NdArray}
 * or a String), its optional metadata (same value kinds), and for type NIRGraph the nested graph.
 */
public record NirNode(String name, String type, Map<String, Object> params, Map<String, Object> metadata, NirGraph graph) {
    public NirNode {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        metadata = Collections.unmodifiableMap(new TreeMap<>(metadata == null ? Map.of() : metadata));
    }

    public static NirNode of(String name, String type, Map<String, Object> params) {
        return new NirNode(name, type, params, Map.of(), null);
    }

    public boolean has(String param) { return params.containsKey(param); }

    /** A numeric parameter; a missing or non-numeric one fails naming the node and field. */
    public NdArray array(String param) {
        Object v = params.get(param);
        if (v == null) throw new NirException("node '" + name + "' (" + type + "): missing parameter '" + param + "'");
        if (!(v instanceof NdArray a)) throw new NirException("node '" + name + "' (" + type + "): parameter '" + param + "' must be numeric, found text '" + v + "'");
        return a;
    }

    public NdArray arrayOr(String param, NdArray fallback) { return has(param) ? array(param) : fallback; }

    public String at() { return "node '" + name + "' (" + type + ")"; }
}
