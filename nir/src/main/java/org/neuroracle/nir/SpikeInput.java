package org.neuroracle.nir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Input spikes for an imported model, from CSV. Two layouts: with a header {@code step,neuron}, one spike per row;
 * without a header, one row per step and one column per input neuron, where any non-zero value is a spike (the
 * layout of the NIR paper's {@code lif_exact.csv}, whose first column is the input; extra columns are ignored).
 */
public record SpikeInput(int[] steps, int[] neurons, int stepCount) {

    public static SpikeInput read(Path file, int inputSize) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new NirException(file + ": cannot read (" + NirFile.oneLine(e) + ")");
        }
        List<Integer> s = new ArrayList<>(), n = new ArrayList<>();
        int steps = 0;
        boolean header = !lines.isEmpty() && lines.get(0).strip().replace(" ", "").equalsIgnoreCase("step,neuron");
        for (int i = header ? 1 : 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String[] f = line.split(",");
            String at = file + " line " + (i + 1);
            try {
                if (header) {
                    if (f.length != 2) throw new NirException(at + ": expected 'step,neuron', found " + f.length + " fields");
                    int st = Integer.parseInt(f[0].strip()), ne = Integer.parseInt(f[1].strip());
                    if (st < 0) throw new NirException(at + ": step " + st + " is negative");
                    if (ne < 0 || ne >= inputSize) throw new NirException(at + ": neuron " + ne + " is outside 0.." + (inputSize - 1));
                    s.add(st); n.add(ne);
                    steps = Math.max(steps, st + 1);
                } else {
                    if (f.length < inputSize) throw new NirException(at + ": " + f.length + " columns, the input has " + inputSize + " neurons");
                    for (int c = 0; c < inputSize; c++) {
                        double v = Double.parseDouble(f[c].strip());
                        if (!Double.isFinite(v)) throw new NirException(at + ": column " + (c + 1) + " is not a number");
                        if (v != 0) { s.add(steps); n.add(c); }
                    }
                    steps++;
                }
            } catch (NumberFormatException e) {
                throw new NirException(at + ": not a number (" + e.getMessage() + ")");
            }
        }
        return new SpikeInput(s.stream().mapToInt(Integer::intValue).toArray(), n.stream().mapToInt(Integer::intValue).toArray(), steps);
    }
}
