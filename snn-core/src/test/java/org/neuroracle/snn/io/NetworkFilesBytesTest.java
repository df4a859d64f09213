package org.neuroracle.snn.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.snn.backend.RandomNetworks;
import org.neuroracle.snn.model.Alif;
import org.neuroracle.snn.model.Connector;
import org.neuroracle.snn.model.DelaySpec;
import org.neuroracle.snn.model.Integration;
import org.neuroracle.snn.model.Izhikevich;
import org.neuroracle.snn.model.Lif;
import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.PoissonSource;
import org.neuroracle.snn.model.SpikeSourceArray;
import org.neuroracle.snn.model.Synapse;
import org.neuroracle.snn.model.WeightSpec;
import org.neuroracle.snn.networks.BuiltinNetworks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Written network files are pinned byte for byte: every neuron model, synapse kind, input and probe the format
 * has, in networks whose SHA-256 was recorded from the writer before its per-model codec table replaced the
 * parallel switch statements. A change to the format must change these digests deliberately.
 */
class NetworkFilesBytesTest {
    /** Every float model and synapse kind, both integrations, both source kinds, inputs and probes. */
    static Network everyFloatModel(long seed) {
        List<Synapse> both = List.of(Synapse.current(5), Synapse.conductance(10, -80));
        return Network.builder("every-float-model").dtMs(0.25).seed(seed)
                .population("lif", 30, new Lif(20, -65, -70, -50, 2, 1.5, both, Integration.EULER))
                .population("alif", 20, new Alif(15, -60, -62, -52, 1.25, 0.3, 200, 1.7, List.of(Synapse.current(3)), Integration.EXACT))
                .population("izh", 30, new Izhikevich(0.02, 0.2, -65, 8, 4.5, List.of(Synapse.delta())))
                .population("delta", 5, new Lif(10, 0, 0, 20, 0, 0, List.of(Synapse.delta()), Integration.EXACT))
                .population("noise", 8, new PoissonSource(33.5))
                .population("array", 3, new SpikeSourceArray(new int[]{1, 4, 4, 9}, new int[]{0, 2, 1, 0}))
                .initialUniform("lif", "v", -70, -50)
                .initialNormal("alif", "v", -61, 2)
                .projection("noise_lif", "noise", "lif", new Connector.FixedProbability(0.3, false), new WeightSpec.Uniform(0.1, 0.9), new DelaySpec.UniformInt(1, 4), 0)
                .projection("array_alif", "array", "alif", new Connector.AllToAll(false), WeightSpec.constant(2.25), DelaySpec.constant(2), 0)
                .projection("lif_izh", "lif", "izh", new Connector.FixedFanIn(4, false), new WeightSpec.Normal(1, 0.5, 0, 3), DelaySpec.constant(1), 0)
                .projection("izh_lif", "izh", "lif", new Connector.OneToOne(), WeightSpec.constant(-0.75), DelaySpec.constant(3), 1)
                .projection("alif_delta", "alif", "delta", new Connector.FixedProbability(0.5, true), WeightSpec.constant(1e-3), DelaySpec.constant(1), 0)
                .background("lif", 0, 120.5, 0.4)
                .current("alif", 0, 10, 50, 1.125)
                .recordSpikes("lif", null)
                .recordSpikes("izh", new int[]{0, 3, 7})
                .recordState("lif", "v", new int[]{1, 2}, 5)
                .build();
    }

    static Map<String, Network> networks() {
        Map<String, Network> m = new LinkedHashMap<>();
        m.put("random-4", RandomNetworks.fixed(4));
        m.put("random-8", RandomNetworks.fixed(8));
        m.put("random-15", RandomNetworks.fixed(15));
        m.put("cuba-fixed", BuiltinNetworks.cubaFixed(1));
        m.put("every-float-model", everyFloatModel(3));
        return m;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Recorded from the writer as of commit c95e310 (before the codec table). */
    static final Map<String, String> RECORDED = Map.of(
            "random-4", "812e110718cb76b016ccec34cddbac480e17b6221e408561cd2a3f8742a05de8",
            "random-8", "1acbc77d6c13b2547e814f41f9a85f8021f44e5e1038d879f59803c7a420c9f8",
            "random-15", "dc8d9bd9c3fa38331de4e3db8e9d22c52477cfef4237c46c096ab2e514b28bf6",
            "cuba-fixed", "7dca75962875161fc2a73a0925859180fbe69027f5a4b480c51b79e8150d06a6",
            "every-float-model", "9bc19de43fd22a9a35f199b938131f5be3e81fcba4bca6090f2c31858c9c8137");

    @Test void writtenBytesAreThoseOfTheRecordedWriter() {
        StringBuilder actual = new StringBuilder();
        networks().forEach((name, net) -> actual.append(name).append(' ').append(sha256(NetworkFiles.toJson(net))).append('\n'));
        StringBuilder expected = new StringBuilder();
        networks().keySet().forEach(name -> expected.append(name).append(' ').append(RECORDED.get(name)).append('\n'));
        assertEquals(expected.toString(), actual.toString());
    }

    @Test void readingAWrittenFileAndWritingItAgainGivesTheSameBytes(@TempDir Path dir) throws IOException {
        for (var e : networks().entrySet()) {
            Path f = dir.resolve(e.getKey() + ".json");
            NetworkFiles.write(e.getValue(), f);
            String first = Files.readString(f);
            assertEquals(first, NetworkFiles.toJson(NetworkFiles.read(f)), e.getKey());
        }
    }
}
