package org.neuroracle.cli;

import org.neuroracle.snn.io.NetworkFiles;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a --network argument: a built-in name or a network file. */
final class NetworkSource {
    private NetworkSource() {}

    static Network load(String nameOrFile, long seed) throws IOException {
        if (BuiltinNetworks.names().contains(nameOrFile)) return BuiltinNetworks.byName(nameOrFile, seed);
        Path file = Path.of(nameOrFile);
        if (nameOrFile.endsWith(".json")) return NetworkFiles.read(file);
        if (Files.exists(file)) throw new IllegalArgumentException(file + ": unknown network file type; expected .json");
        return BuiltinNetworks.byName(nameOrFile, seed);
    }
}
