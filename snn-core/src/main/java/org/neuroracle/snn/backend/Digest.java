package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.Population;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical digest of a run, reproducible by any backend (documented in snn-core/README.md):
 * SHA-256 over the ASCII line {@code neuroracle-digest-v1\n}; the step count (int64 big-endian); the spike count
 * (int64); each spike in canonical order as three int32 (step, population, neuron); then for every non-source
 * population in network order, every state variable in the model's canonical order, every neuron: an int32
 * (fixed-point) or the IEEE-754 float32 bits (float). All integers are big-endian.
 */
public final class Digest {
    private Digest() {}

    public static String of(Simulation sim) { return of(sim, sim.spikes()); }

    /** The digest with the raster the caller already took from {@code sim} (building a raster sorts every spike). */
    public static String of(Simulation sim, SpikeRaster r) {
        Network net = sim.network();
        MessageDigest sha = sha256();
        sha.update("neuroracle-digest-v1\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        buf.putLong(sim.currentStep()).putLong(r.size());
        for (int k = 0; k < r.size(); k++) {
            if (buf.remaining() < 12) flush(sha, buf);
            buf.putInt(r.step(k)).putInt(r.population(k)).putInt(r.neuron(k));
        }
        boolean fixed = net.mode() == NumericMode.FIXED;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            for (String var : pop.model().stateVariables()) {
                double[] values = sim.state(p, var);
                for (double v : values) {
                    if (buf.remaining() < 4) flush(sha, buf);
                    if (fixed) buf.putInt((int) v);
                    else buf.putInt(Float.floatToIntBits((float) v));
                }
            }
        }
        flush(sha, buf);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void flush(MessageDigest sha, ByteBuffer buf) {
        buf.flip();
        sha.update(buf);
        buf.clear();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
