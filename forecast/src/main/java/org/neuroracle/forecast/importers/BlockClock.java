package org.neuroracle.forecast.importers;

import java.util.Map;
import java.util.TreeMap;

/**
 * Turns block numbers into unix seconds using the (block, timestamp) pairs seen in the same log: linear
 * interpolation between the nearest known blocks, and extrapolation beyond them with the mean block time of the
 * whole log (vote windows often end after the last logged event).
 */
public final class BlockClock {
    private final TreeMap<Long, Long> known = new TreeMap<>();

    public void observe(long block, long unixSeconds) {
        known.merge(block, unixSeconds, Math::min);
    }

    public int size() { return known.size(); }

    public long timeOf(long block, String where) {
        Long exact = known.get(block);
        if (exact != null) return exact;
        if (known.size() < 2)
            throw new IllegalArgumentException(where + ": cannot turn block " + block + " into a time: the log has fewer than two timestamped blocks");
        Map.Entry<Long, Long> lo = known.floorEntry(block), hi = known.ceilingEntry(block);
        if (lo == null) { lo = known.firstEntry(); hi = known.higherEntry(lo.getKey()); }
        else if (hi == null) { hi = known.lastEntry(); lo = known.lowerEntry(hi.getKey()); }
        if (known.floorEntry(block) == null || known.ceilingEntry(block) == null) {
            // Outside the observed range: use the mean block time of the whole log (stable), not the last gap.
            double secondsPerBlock = (known.lastEntry().getValue() - known.firstEntry().getValue())
                    / (double) (known.lastKey() - known.firstKey());
            Map.Entry<Long, Long> anchor = known.floorEntry(block) == null ? known.firstEntry() : known.lastEntry();
            return anchor.getValue() + Math.round((block - anchor.getKey()) * secondsPerBlock);
        }
        double f = (block - lo.getKey()) / (double) (hi.getKey() - lo.getKey());
        return lo.getValue() + Math.round(f * (hi.getValue() - lo.getValue()));
    }
}
