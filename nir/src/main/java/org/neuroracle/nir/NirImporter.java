package org.neuroracle.nir;

import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;

/**
 * Compiles a NIR graph into an engine network, as a chain of passes over one typed node representation:
 * <ol>
 * <li>read ({@link NirFile}): HDF5 to {@link NirGraph};</li>
 * <li>resolve names and flatten ({@link GraphFlattener}, {@link EdgeNames}): one level of {@link Primitive}s;</li>
 * <li>infer shapes ({@link ShapeInference});</li>
 * <li>lower ({@link Lowering}): stateless chains between layers multiplied out into sparse maps, biases carried;</li>
 * <li>map to models ({@link ModelMapping}): populations, projections, the bias clock.</li>
 * </ol>
 */
public final class NirImporter {
    public enum TimeUnit { SECONDS, MILLISECONDS }

    /** dt of the engine network and the unit of the file's time constants and delays. */
    public record Settings(double dtMs, TimeUnit timeUnit) {
        public Settings {
            if (!(dtMs > 0 && dtMs <= 100)) throw new NirException("dt = " + dtMs + " ms must be in (0, 100]");
            if (timeUnit == null) timeUnit = TimeUnit.SECONDS;
        }

        public static Settings defaults() { return new Settings(0.1, TimeUnit.SECONDS); }

        DoubleUnaryOperator toMs() { return timeUnit == TimeUnit.SECONDS ? x -> x * 1000 : x -> x; }
    }

    private NirImporter() {}

    public static NirModel importFile(Path file, Settings settings) {
        try {
            return importGraph(NirFile.read(file), settings, baseName(file));
        } catch (NirException e) {
            String m = e.getMessage();
            throw m.startsWith(file.toString()) ? e : new NirException(file + ": " + m, e);
        }
    }

    static String baseName(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".nir") ? n.substring(0, n.length() - 4) : n;
    }

    public static NirModel importGraph(NirGraph graph, Settings settings, String networkName) {
        FlatGraph flat = GraphFlattener.flatten(graph);
        ShapeInference.Shapes shapes = ShapeInference.infer(flat);
        Lowering.Result lowered = Lowering.lower(flat, shapes, settings.dtMs(), settings.toMs());
        try {
            return ModelMapping.map(flat, shapes, lowered, settings.dtMs(), settings.toMs(), networkName);
        } catch (org.neuroracle.snn.model.InvalidNetworkException e) {
            throw new NirException("the graph maps to an invalid engine network: " + NirFile.oneLine(e), e);
        }
    }

    /** An engine name for a NIR node name: letters, digits, '_', '.', '-'; starting with a letter or '_'. */
    static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (s.isEmpty() || !Character.isLetter(s.charAt(0)) && s.charAt(0) != '_') s = "n" + s;
        return s;
    }
}
