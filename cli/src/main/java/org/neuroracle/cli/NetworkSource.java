package org.neuroracle.cli;

import org.neuroracle.bench.networks.StandardNetworks;
import org.neuroracle.nir.NirImporter;
import org.neuroracle.nir.NirModel;
import org.neuroracle.nir.SpikeInput;
import org.neuroracle.snn.io.NetworkFiles;
import org.neuroracle.snn.model.Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a --network argument: a standard network's name (snn-core's built-ins and the microcircuit at its default scale) or a network file. */
final class NetworkSource {
    private NetworkSource() {}

    static Network load(String nameOrFile, long seed) throws IOException { return load(nameOrFile, seed, null); }

    /** As {@link #load(String, long)}; {@code inputSpikes} (CSV) feeds the first Input of a .nir network. */
    static Network load(String nameOrFile, long seed, Path inputSpikes) throws IOException {
        if (inputSpikes != null && !nameOrFile.endsWith(".nir"))
            throw new IllegalArgumentException("--input feeds the Input node of a .nir network; '" + nameOrFile + "' is not one");
        if (nameOrFile.endsWith(".nir")) {
            NirModel m = NirImporter.importFile(Path.of(nameOrFile), NirImporter.Settings.defaults());
            for (String w : m.warnings()) System.err.println("warning: " + nameOrFile + ": " + w);
            if (inputSpikes != null) {
                if (m.inputPopulations().isEmpty()) throw new IllegalArgumentException(nameOrFile + ": the graph has no Input node for --input");
                String in = m.inputPopulations().get(0);
                SpikeInput s = SpikeInput.read(inputSpikes, m.network().population(in).size());
                m = m.withInputSpikes(in, s.steps(), s.neurons());
            }
            return m.network();
        }
        if (StandardNetworks.names().contains(nameOrFile)) return StandardNetworks.build(nameOrFile, seed, null);
        Path file = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".json")) return NetworkFiles.read(file);
        if (Files.exists(file)) throw new IllegalArgumentException(file + ": unknown network file type; expected .json or .nir");
        throw new IllegalArgumentException("unknown network '" + nameOrFile + "'; built-in networks are " + StandardNetworks.names()
                + ", or give a network file (.json or .nir)");
    }
}
