package org.neuroracle.cli;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

/** Resolves a --network argument: a built-in name or a network file. */
final class NetworkSource {
    private NetworkSource() {}

    static Network load(String nameOrFile, long seed) {
        if (BuiltinNetworks.names().contains(nameOrFile)) return BuiltinNetworks.byName(nameOrFile, seed);
        return BuiltinNetworks.byName(nameOrFile, seed);
    }
}
