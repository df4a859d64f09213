package org.neuroracle.snn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.snn.backend.Digest;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.backend.RandomNetworks;
import org.neuroracle.snn.backend.Simulation;
import org.neuroracle.snn.cpu.CpuBackend;
import org.neuroracle.snn.model.InvalidNetworkException;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkFilesTest {
    private static String digest(Network net, int steps) {
        try (Simulation sim = new CpuBackend().compile(net, Options.defaults().withThreads(1))) {
            sim.run(steps);
            return Digest.of(sim);
        }
    }

    @Test void writtenNetworksReadBackIdentical(@TempDir Path dir) throws IOException {
        for (Network net : new Network[]{RandomNetworks.fixed(4), RandomNetworks.fixed(8), BuiltinNetworks.coba(2)}) {
            Path f = dir.resolve(net.name() + ".json");
            NetworkFiles.write(net, f);
            Network back = NetworkFiles.read(f);
            assertEquals(digest(net, 200), digest(back, 200), net.name());
        }
    }

    @Test void readsTheDocumentedExample(@TempDir Path dir) throws IOException {
        Path mtx = dir.resolve("conn.mtx");
        Files.writeString(mtx, "%%MatrixMarket matrix coordinate real general\n% two synapses\n2 3 2\n1 2 5\n2 3 -7\n");
        Path f = dir.resolve("net.json");
        Files.writeString(f, """
                {
                  "format": "neuroracle-network/1",
                  "name": "example",
                  "dt_ms": 1.0,
                  "seed": 7,
                  "populations": [
                    {"name": "in", "size": 2, "model": {"type": "poisson-source", "rate_hz": 50}},
                    {"name": "out", "size": 3, "model": {"type": "cuba-lif-fixed", "du": [80], "dv": 20, "vth": 10,
                     "bias_mant": 0, "bias_exp": 0, "refractory_steps": 2}, "initial": {"v": {"uniform": [0, 500]}}}
                  ],
                  "projections": [
                    {"name": "p", "pre": "in", "post": "out", "connector": {"type": "matrix-market", "file": "conn.mtx"},
                     "weight_exp": 4, "delay_steps": {"uniform": [1, 3]}}
                  ],
                  "background": [{"population": "out", "rate_hz": 100, "weight": 3}],
                  "record": {"spikes": [{"population": "out"}]}
                }
                """);
        Network net = NetworkFiles.read(f);
        assertEquals(2, net.projections().getFirst().synapseCount());
        assertEquals(-7, net.projections().getFirst().weightMantissas()[1]);
        assertEquals(1.0, net.dtMs());
    }

    @Test void errorsNameFileLineAndField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, """
                {
                  "name": "bad",
                  "populations": [
                    {"name": "a", "size": 3,
                     "model": {"type": "cuba-lif-fixed", "du": 80, "dv": 5000, "vth": 10}}
                  ]
                }
                """);
        var e = assertThrows(InvalidNetworkException.class, () -> NetworkFiles.read(f));
        assertTrue(e.getMessage().startsWith(f + " line 5: populations[0].model: "), e.getMessage());
        assertTrue(e.getMessage().contains("dv = 5000"), e.getMessage());

        Files.writeString(f, "{\"name\": \"x\", \"populations\": [{\"name\": \"a\", \"size\": 2,\n \"model\": {\"type\": \"lif\", \"tau_membrane_ms\": 20, \"v_rest_mv\": 0,\n \"v_reset_mv\": 0, \"v_threshold_mv\": 1, \"synapses\": [{\"kind\": \"curent\", \"tau_ms\": 5}]}}]}");
        e = assertThrows(InvalidNetworkException.class, () -> NetworkFiles.read(f));
        assertTrue(e.getMessage().contains("line 3: populations[0].model.synapses[0].kind"), e.getMessage());

        // A bad dt_ms is named at its own line, once (it was "line 1: network: network: dt_ms = ...").
        Files.writeString(f, "{\"name\": \"x\",\n\n \"dt_ms\": -0.1, \"populations\": []}");
        e = assertThrows(InvalidNetworkException.class, () -> NetworkFiles.read(f));
        assertEquals(f + " line 3: dt_ms: -0.1 must be in (0, 100]", e.getMessage());

        Files.writeString(f, "{\"name\": \"x\",\n \"populations\": [\n {\"name\": \"a\" \"size\": 2}]}");
        e = assertThrows(InvalidNetworkException.class, () -> NetworkFiles.read(f));
        assertTrue(e.getMessage().contains("line 3: expected '}'"), e.getMessage());

        Files.writeString(f, "{\"name\": \"x\", \"populations\": [{\"name\": \"a\", \"size\": 2, \"model\": {\"type\": \"poisson-source\", \"rate_hz\": 5}}],\n"
                + "\"projections\": [{\"name\": \"p\", \"pre\": \"a\", \"post\": \"nope\", \"connector\": {\"type\": \"one-to-one\"}, \"weight\": 1}]}");
        e = assertThrows(InvalidNetworkException.class, () -> NetworkFiles.read(f));
        assertTrue(e.getMessage().contains("line 2: projections[0].post: no population named 'nope'"), e.getMessage());

        Files.writeString(f, "{\"name\": \"x\", \"colour\": 1, \"populations\": []}");
        e = assertThrows(InvalidNetworkException.class, () -> NetworkFiles.read(f));
        assertTrue(e.getMessage().contains("colour: unknown field"), e.getMessage());
    }

    @Test void matrixMarketErrorsNameTheLine(@TempDir Path dir) throws IOException {
        Path mtx = dir.resolve("bad.mtx");
        Files.writeString(mtx, "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 0.5\n3 1 0.5\n");
        var e = assertThrows(InvalidNetworkException.class, () -> MatrixMarket.read(mtx));
        assertTrue(e.getMessage().contains("line 4: entry (3, 1) outside the 2 x 2 matrix"), e.getMessage());
    }
}
