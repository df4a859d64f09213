package org.neuroracle.nir;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NIR files: HDF5 with a {@code version} string and a {@code node} group holding the graph, laid
 * out as NIR's reference writer does (type strings, parameters as datasets, nested graphs as groups with
 * {@code nodes} and an N x 2 string dataset {@code edges}, optional {@code metadata} groups). Uses jHDF, pure Java.
 */
public final class NirFile {
    /** The NIR format version written by {@link #write}. */
    public static final String VERSION = "1.0.6";

    static {
        // jHDF logs every dataset read at INFO; keep the CLI's output to what the user asked for.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.jhdf") == null)
            System.setProperty("org.slf4j.simpleLogger.log.io.jhdf", "warn");
    }

    private NirFile() {}

    public static NirGraph read(Path file) {
        if (!Files.isRegularFile(file)) throw new NirException(file + ": no such file");
        try (HdfFile hdf = new HdfFile(file)) {
            Node root = child(hdf, "node", file + ": not a NIR file: it has no 'node' group");
            String version = hdf.getChildren().containsKey("version") ? text((Dataset) hdf.getChild("version")) : "unknown";
            if (!(root instanceof Group g)) throw new NirException(file + ": not a NIR file: 'node' is not a group");
            NirNode top = readNode(g, "", file);
            if (top.graph() == null) throw new NirException(file + ": the top node has type '" + top.type() + "', expected NIRGraph");
            return new NirGraph(version, top.graph().nodes(), top.graph().edges(), top.graph().metadata());
        } catch (NirException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new NirException(file + ": not a readable HDF5 file (" + oneLine(e) + ")", e);
        }
    }

    private static Node child(Group g, String name, String missing) {
        Node n = g.getChildren().get(name);
        if (n == null) throw new NirException(missing);
        return n;
    }

    private static NirNode readNode(Group g, String name, Path file) {
        String at = file + ": node '" + (name.isEmpty() ? "/" : name) + "'";
        Node typeNode = g.getChildren().get("type");
        if (!(typeNode instanceof Dataset td)) throw new NirException(at + ": has no 'type'");
        String type = text(td);
        Map<String, Object> params = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        NirGraph graph = null;
        if (type.equals("NIRGraph")) {
            Node nodesNode = child(g, "nodes", at + ": NIRGraph has no 'nodes' group");
            if (!(nodesNode instanceof Group ng)) throw new NirException(at + ": 'nodes' is not a group");
            Map<String, NirNode> nodes = new LinkedHashMap<>();
            for (Node c : ng.getChildren().values()) {
                if (!(c instanceof Group cg)) throw new NirException(at + ": nodes/" + c.getName() + " is not a group");
                String childName = name.isEmpty() ? c.getName() : name + "." + c.getName();
                NirNode n = readNode(cg, childName, file);
                nodes.put(c.getName(), new NirNode(c.getName(), n.type(), n.params(), n.metadata(), n.graph()));
            }
            List<String[]> edges = new ArrayList<>();
            Node e = g.getChildren().get("edges");
            if (e instanceof Dataset ed && ed.getSize() > 0) {
                Object flat = ed.getDataFlat();
                int[] dims = ed.getDimensions();
                if (!(flat instanceof String[] s) || dims.length != 2 || dims[1] != 2)
                    throw new NirException(at + ": 'edges' must be an N x 2 array of node names, found shape " + java.util.Arrays.toString(dims));
                for (int i = 0; i < dims[0]; i++) edges.add(new String[]{s[2 * i], s[2 * i + 1]});
            } else if (e != null && !(e instanceof Dataset)) {
                throw new NirException(at + ": 'edges' is not a dataset");
            }
            Node md = g.getChildren().get("metadata");
            if (md instanceof Group mg) readValues(mg, "", metadata, at);
            graph = new NirGraph("", nodes, edges, metadata);
            return new NirNode(name, type, params, metadata, graph);
        }
        for (Node c : g.getChildren().values()) {
            if (c.getName().equals("type")) continue;
            if (c.getName().equals("metadata") && c instanceof Group mg) { readValues(mg, "", metadata, at); continue; }
            if (c instanceof Group cg) readValues(cg, c.getName() + ".", params, at);
            else params.put(c.getName(), value((Dataset) c, at));
        }
        return new NirNode(name, type, params, metadata, null);
    }

    private static void readValues(Group g, String prefix, Map<String, Object> into, String at) {
        for (Node c : g.getChildren().values()) {
            if (c instanceof Group cg) readValues(cg, prefix + c.getName() + ".", into, at);
            else into.put(prefix + c.getName(), value((Dataset) c, at));
        }
    }

    private static String text(Dataset d) {
        Object v = d.getData();
        if (v instanceof String s) return s;
        if (v instanceof String[] a && a.length == 1) return a[0];
        if (v instanceof byte[] b) return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        throw new NirException(d.getPath() + " must be a string");
    }

    private static Object value(Dataset d, String at) {
        Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
        if (flat instanceof String s) return s;
        if (flat instanceof String[] a) return String.join(",", a);
        int[] shape = d.isScalar() ? new int[0] : d.getDimensions();
        if (flat instanceof Number n) {
            boolean integral = !(n instanceof Double || n instanceof Float);
            return new NdArray(new double[]{n.doubleValue()}, shape, integral);
        }
        if (flat instanceof Boolean b) return new NdArray(new double[]{b ? 1 : 0}, shape, true);
        if (flat == null || !flat.getClass().isArray())
            throw new NirException(at + ": dataset '" + d.getName() + "' has an unsupported type " + d.getJavaType());
        int n = Array.getLength(flat);
        double[] out = new double[n];
        boolean integral = true;
        switch (flat) {
            case double[] a -> { System.arraycopy(a, 0, out, 0, n); integral = false; }
            case float[] a -> { for (int i = 0; i < n; i++) out[i] = a[i]; integral = false; }
            case long[] a -> { for (int i = 0; i < n; i++) out[i] = a[i]; }
            case int[] a -> { for (int i = 0; i < n; i++) out[i] = a[i]; }
            case short[] a -> { for (int i = 0; i < n; i++) out[i] = a[i]; }
            case byte[] a -> { for (int i = 0; i < n; i++) out[i] = a[i]; }
            case boolean[] a -> { for (int i = 0; i < n; i++) out[i] = a[i] ? 1 : 0; }
            default -> throw new NirException(at + ": dataset '" + d.getName() + "' has an unsupported type " + d.getJavaType());
        }
        return new NdArray(out, shape, integral);
    }

    /** Writes the graph in NIR's layout; arrays holding integers are written as int64, others as float64. */
    public static void write(NirGraph graph, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (WritableHdfFile hdf = HdfFile.write(tmp)) {
                hdf.putDataset("version", VERSION);
                writeGraph(hdf.putGroup("node"), graph);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof NirException ne) throw ne;
            throw new NirException(file + ": cannot write (" + oneLine(e) + ")", e);
        }
    }

    private static void writeGraph(WritableGroup g, NirGraph graph) {
        g.putDataset("type", "NIRGraph");
        WritableGroup nodes = g.putGroup("nodes");
        for (NirNode n : graph.nodes().values()) {
            WritableGroup ng = nodes.putGroup(n.name());
            if (n.graph() != null) { writeGraph(ng, n.graph()); continue; }
            ng.putDataset("type", n.type());
            writeValues(ng, n.params());
            if (!n.metadata().isEmpty()) writeValues(ng.putGroup("metadata"), n.metadata());
        }
        String[][] edges = new String[graph.edges().size()][];
        for (int i = 0; i < edges.length; i++) edges[i] = graph.edges().get(i).clone();
        if (edges.length > 0) g.putDataset("edges", edges);
        if (!graph.metadata().isEmpty()) writeValues(g.putGroup("metadata"), graph.metadata());
    }

    private static void writeValues(WritableGroup g, Map<String, Object> values) {
        for (var e : values.entrySet()) {
            Object v = e.getValue();
            switch (v) {
                case String s -> g.putDataset(e.getKey(), s);
                case NdArray a -> g.putDataset(e.getKey(), toJava(a));
                default -> throw new NirException("cannot write value of type " + v.getClass().getSimpleName() + " for '" + e.getKey() + "'");
            }
        }
    }

    /** A Java array of the right rank (jHDF writes multi-dimensional datasets from nested arrays). */
    private static Object toJava(NdArray a) {
        if (a.rank() == 0) return a.integral() ? (Object) (long) a.get(0) : (Object) a.get(0);
        Class<?> leaf = a.integral() ? long.class : double.class;
        Object out = Array.newInstance(leaf, a.shape());
        int[] idx = new int[a.rank()];
        for (int k = 0; k < a.size(); k++) {
            Object row = out;
            for (int d = 0; d < idx.length - 1; d++) row = Array.get(row, idx[d]);
            if (a.integral()) Array.setLong(row, idx[idx.length - 1], (long) a.get(k));
            else Array.setDouble(row, idx[idx.length - 1], a.get(k));
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < a.shape()[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').strip();
    }
}
