package org.neuroracle.snn.backend;

import org.neuroracle.snn.model.Network;
import org.neuroracle.snn.model.NumericMode;
import org.neuroracle.snn.model.Population;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The retired v1 digest (used until the streaming digest of issue 14), kept in the tests only to prove v2 is a pure
 * re-encoding of the same fields: SHA-256 over {@code neuroracle-digest-v1\n}; int64 step count; int64 spike count;
 * each spike as three int32; then the state as in v2. Big-endian. Built as a whole byte array (fine for tests).
 */
public final class DigestV1 {
    public static final byte[] VERSION_LINE = "neuroracle-digest-v1\n".getBytes(StandardCharsets.US_ASCII);

    private DigestV1() {}

    /** The bytes v1 hashes for {@code sim} with raster {@code r}. */
    public static byte[] preimage(Simulation sim, SpikeRaster r) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(VERSION_LINE);
            out.writeLong(sim.currentStep());
            out.writeLong(r.size());
            for (int k = 0; k < r.size(); k++) { out.writeInt(r.step(k)); out.writeInt(r.population(k)); out.writeInt(r.neuron(k)); }
            Network net = sim.network();
            boolean fixed = net.mode() == NumericMode.FIXED;
            for (int p = 0; p < net.populations().size(); p++) {
                Population pop = net.populations().get(p);
                for (String var : pop.model().stateVariables())
                    for (double v : sim.state(p, var)) out.writeInt(fixed ? (int) v : Float.floatToIntBits((float) v));
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String of(Simulation sim) { return sha256Hex(preimage(sim, sim.spikes())); }

    public static String sha256Hex(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
