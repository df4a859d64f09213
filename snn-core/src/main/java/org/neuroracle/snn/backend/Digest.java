package org.neuroracle.snn.backend;

/**
 * The canonical digest of a run, reproducible by any backend (documented in snn-core/README.md):
 * SHA-256 over the ASCII line {@code neuroracle-digest-v2\n}; each recorded spike in canonical order as three
 * int32 (step, population, neuron); the step count (int64); the spike count (int64); then for every non-source
 * population in network order, every state variable in the model's canonical order, every neuron: an int32
 * (fixed-point) or the IEEE-754 float32 bits (float). All integers are big-endian.
 *
 * <p>v2 holds the same fields as v1 (which put both counts before the spikes), moved so that the counts come after
 * the spikes: a run can then hash its spikes as they are drained, chunk by chunk, without keeping them
 * ({@link DigestStream}). The version line keeps a v1 and a v2 digest of the same run from ever being equal.
 */
public final class Digest {
    private Digest() {}

    public static String of(Simulation sim) { return of(sim, sim.spikes()); }

    /** The digest with the raster the caller already took from {@code sim} (building a raster sorts every spike). */
    public static String of(Simulation sim, SpikeRaster r) {
        DigestStream d = new DigestStream();
        d.accept(r);
        return d.finish(sim);
    }
}
