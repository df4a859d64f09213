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
 * The {@link Digest} of a run computed while it runs: spikes are hashed chunk by chunk as the simulation hands
 * them out ({@link Simulation#drainSpikes()}), so a long run keeps one chunk of spikes at a time instead of its
 * whole raster. Chunks must come in canonical order (each starts at or after the end of the previous one, which
 * chunks of consecutive steps do); a chunk out of order is refused, since it would give a digest no other backend
 * reproduces. {@link #finish} appends the counts and the final state. One use per run.
 */
public final class DigestStream {
    static final byte[] VERSION_LINE = "neuroracle-digest-v2\n".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha = sha256();
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long spikes;
    private int lastStep = Integer.MIN_VALUE, lastPopulation, lastNeuron;
    private boolean finished;

    public DigestStream() { sha.update(VERSION_LINE); }

    /** Hash the spikes of the next chunk (already in canonical order, as every {@link SpikeRaster} is). */
    public void accept(SpikeRaster chunk) {
        if (finished) throw new IllegalStateException("the digest is already finished");
        int n = chunk.size();
        if (n == 0) return;
        if (compare(chunk.step(0), chunk.population(0), chunk.neuron(0)) <= 0)
            throw new IllegalArgumentException("spike chunk out of canonical order: it starts at (step " + chunk.step(0) + ", population "
                    + chunk.population(0) + ", neuron " + chunk.neuron(0) + ") but the previous chunk ended at (step " + lastStep
                    + ", population " + lastPopulation + ", neuron " + lastNeuron + ")");
        for (int k = 0; k < n; k++) {
            if (buf.remaining() < 12) flush();
            buf.putInt(chunk.step(k)).putInt(chunk.population(k)).putInt(chunk.neuron(k));
        }
        spikes += n;
        lastStep = chunk.step(n - 1);
        lastPopulation = chunk.population(n - 1);
        lastNeuron = chunk.neuron(n - 1);
    }

    /** Spikes hashed so far. */
    public long spikeCount() { return spikes; }

    /** Sign of (this spike) - (the last spike hashed). */
    private int compare(int step, int population, int neuron) {
        if (spikes == 0) return 1;
        if (step != lastStep) return Integer.compare(step, lastStep);
        if (population != lastPopulation) return Integer.compare(population, lastPopulation);
        return Integer.compare(neuron, lastNeuron);
    }

    /**
     * Append the step count, the spike count and {@code sim}'s current state, and return the hex digest. The
     * spikes accepted must be every spike {@code sim} recorded since compile or reset.
     */
    public String finish(Simulation sim) {
        if (finished) throw new IllegalStateException("the digest is already finished");
        finished = true;
        Network net = sim.network();
        if (buf.remaining() < 16) flush();
        buf.putLong(sim.currentStep()).putLong(spikes);
        boolean fixed = net.mode() == NumericMode.FIXED;
        for (int p = 0; p < net.populations().size(); p++) {
            Population pop = net.populations().get(p);
            for (String var : pop.model().stateVariables()) {
                double[] values = sim.state(p, var);
                for (double v : values) {
                    if (buf.remaining() < 4) flush();
                    if (fixed) buf.putInt((int) v);
                    else buf.putInt(Float.floatToIntBits((float) v));
                }
            }
        }
        flush();
        return HexFormat.of().formatHex(sha.digest());
    }

    private void flush() {
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
