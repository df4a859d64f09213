package org.neuroracle.nir;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Options;
import org.neuroracle.snn.model.Network;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NIR paper's snnTorch and Sinabs models import, run on cpu, and survive export then import unchanged. The export
 * keeps the graph's structure (convolutions as Conv2d, pools as SumPool2d), so cnn_sinabs's file stays small.
 */
class PaperModelsTest {
    /** A fixed, reproducible input: neuron i spikes at steps where (7 i + 3 s) mod period == 0. */
    static SpikeInput pattern(int inputSize, int steps, int period) {
        var s = new java.util.ArrayList<Integer>();
        var n = new java.util.ArrayList<Integer>();
        for (int t = 0; t < steps; t++)
            for (int i = 0; i < inputSize; i++)
                if ((7 * i + 3 * t) % period == 0) { s.add(t); n.add(i); }
        return new SpikeInput(s.stream().mapToInt(Integer::intValue).toArray(), n.stream().mapToInt(Integer::intValue).toArray(), steps);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"braille_noDelay_bias_zero.nir, 12, 300, 5, 100000", "cnn_sinabs.nir, 2312, 40, 11, 3000000",
            "lif_norse.nir, 1, 1000, 3, 100000", "lif_rockpool.nir, 1, 1000, 3, 100000", "two_lif_neurons.nir, 1, 1000, 3, 100000"})
    void importsRunsAndRoundTrips(String file, int inputSize, int steps, int period, long maxBytes) throws java.io.IOException {
        Path nir = SharedData.nir(file);
        NirModel model = NirImporter.importFile(nir, NirImporter.Settings.defaults());
        Network net = model.network();
        assertEquals(inputSize, net.population(model.inputPopulations().get(0)).size());
        SpikeInput in = pattern(inputSize, steps, period);
        NirRunner.Result first = NirRunner.run(model, in, steps, Backends.byName("cpu"), Options.defaults(), null);
        long hidden = first.engineSpikes().size();
        System.out.printf(Locale.ROOT, "%s: %d populations, %d neurons, %d synapses; %d steps: %d spikes, %d at the output, digest %s%n",
                file, net.populations().size(), net.neuronCount(), net.synapseCount(), steps, hidden, first.outputSteps().length, first.digest());
        assertTrue(hidden > 0, "the network produced no spikes at all");
        org.neuroracle.snn.backend.Backend opencl = Backends.byName("opencl");
        if (opencl.available()) {
            NirRunner.Result ocl = NirRunner.run(model, in, steps, opencl, Options.defaults(), null);
            assertEquals(NirTestGraphsTest.raster(first.engineSpikes()), NirTestGraphsTest.raster(ocl.engineSpikes()), file + ": opencl spikes differ from cpu");
            System.out.println(file + ": opencl spikes identical to cpu (" + ocl.engineSpikes().size() + ")");
        } else System.out.println(file + ": opencl unavailable: " + opencl.unavailableReason());

        Path out = Path.of("target", "roundtrip-" + file);
        NirGraph exported = NirExporter.export(model);
        NirFile.write(exported, out);
        long bytes = Files.size(out);
        System.out.printf(Locale.ROOT, "%s: exported %d nodes (%s) in %d bytes (source file %d bytes)%n", file, exported.nodes().size(),
                exported.nodes().values().stream().map(NirNode::type).distinct().sorted().toList(), bytes, Files.size(nir));
        assertTrue(bytes <= maxBytes, file + ": exported file has " + bytes + " bytes, more than " + maxBytes);
        NirModel again = NirImporter.importFile(out, NirImporter.Settings.defaults());
        NirRunner.Result second = NirRunner.run(again, in, steps, Backends.byName("cpu"), Options.defaults(), null);
        assertEquals(first.digest(), second.digest(), "digest after export then import");
        assertEquals(model.outputPopulations(), again.outputPopulations());
        if (file.startsWith("cnn")) assertTrue(exported.nodes().values().stream().anyMatch(n -> n.type().equals("Conv2d")), "convolutions stay convolutions");
    }
}
