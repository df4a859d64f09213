package org.neuroracle.snn.io;

import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.InvalidNetworkException;
import org.neuroracle.snn.model.Projection;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Matrix Market coordinate files as connectivity: row = pre neuron, column = post neuron (1-based in the file),
 * value = weight ({@code real} or {@code integer}; {@code pattern} files carry no weight).
 */
public final class MatrixMarket {
    private MatrixMarket() {}

    public record Matrix(int rows, int cols, Connector.Explicit synapses) {}

    public static Matrix read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String header = r.readLine();
            int line = 1;
            if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("%%matrixmarket matrix coordinate"))
                throw new InvalidNetworkException(file + " line 1: expected '%%MatrixMarket matrix coordinate <real|integer|pattern> general'");
            String[] h = header.trim().toLowerCase(Locale.ROOT).split("\\s+");
            boolean pattern = h.length > 3 && h[3].equals("pattern");
            if (h.length > 4 && !h[4].equals("general"))
                throw new InvalidNetworkException(file + " line 1: only 'general' symmetry is supported, found '" + h[4] + "'");
            String s;
            while ((s = r.readLine()) != null) { line++; if (!s.startsWith("%") && !s.isBlank()) break; }
            if (s == null) throw new InvalidNetworkException(file + ": missing the 'rows cols entries' size line");
            String[] size = s.trim().split("\\s+");
            if (size.length != 3) throw new InvalidNetworkException(file + " line " + line + ": expected 'rows cols entries'");
            int rows = parseInt(size[0], file, line, "rows"), cols = parseInt(size[1], file, line, "cols"), nnz = parseInt(size[2], file, line, "entries");
            int[] pre = new int[nnz], post = new int[nnz];
            double[] w = pattern ? null : new double[nnz];
            for (int k = 0; k < nnz; k++) {
                s = r.readLine();
                line++;
                if (s == null) throw new InvalidNetworkException(file + " line " + line + ": file ends after " + k + " of " + nnz + " entries");
                String[] f = s.trim().split("\\s+");
                if (f.length < (pattern ? 2 : 3)) throw new InvalidNetworkException(file + " line " + line + ": expected 'row col" + (pattern ? "" : " value") + "'");
                pre[k] = parseInt(f[0], file, line, "row") - 1;
                post[k] = parseInt(f[1], file, line, "col") - 1;
                if (pre[k] < 0 || pre[k] >= rows || post[k] < 0 || post[k] >= cols)
                    throw new InvalidNetworkException(file + " line " + line + ": entry (" + f[0] + ", " + f[1] + ") outside the " + rows + " x " + cols + " matrix");
                if (!pattern) {
                    try { w[k] = Double.parseDouble(f[2]); }
                    catch (NumberFormatException e) { throw new InvalidNetworkException(file + " line " + line + ": value '" + f[2] + "' is not a number"); }
                }
            }
            return new Matrix(rows, cols, new Connector.Explicit(pre, post, w, null));
        }
    }

    private static int parseInt(String s, Path file, int line, String field) {
        try { return Integer.parseInt(s); }
        catch (NumberFormatException e) { throw new InvalidNetworkException(file + " line " + line + ": " + field + " '" + s + "' is not an integer"); }
    }

    /** Write a projection (weights as stored: float weights or integer mantissas). */
    public static void write(Projection p, int postSize, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("%%MatrixMarket matrix coordinate real general\n");
            w.write("% projection " + p.name() + " (row = pre neuron, column = post neuron)\n");
            w.write(p.preSize() + " " + postSize + " " + p.synapseCount() + "\n");
            for (int i = 0; i < p.preSize(); i++)
                for (int k = p.rowPtr()[i]; k < p.rowPtr()[i + 1]; k++) {
                    w.write((i + 1) + " " + (p.targets()[k] + 1) + " ");
                    w.write(p.isFixed() ? Integer.toString(p.weightMantissas()[k]) : Float.toString(p.weights()[k]));
                    w.write('\n');
                }
        }
    }
}
