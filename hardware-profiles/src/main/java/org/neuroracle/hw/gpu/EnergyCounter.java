package org.neuroracle.hw.gpu;

/** A device's cumulative energy counter (joules since some fixed origin); AutoCloseable because real ones are native. */
public interface EnergyCounter extends AutoCloseable {
    /** Energy drawn since the counter's origin, in joules. */
    double joules();

    /** The device the counter belongs to, as the driver names it. */
    String deviceName();

    @Override void close();
}
