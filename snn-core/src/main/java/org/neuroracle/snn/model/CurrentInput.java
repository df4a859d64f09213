package org.neuroracle.snn.model;

/**
 * A step current injected into every neuron of a population for steps in [fromStep, toStep). Float models add
 * {@code amplitude} (mV, like the bias) to the membrane drive; fixed-point models add the integer
 * {@code amplitude} to a_in of {@code channel} in the Deliver phase.
 */
public record CurrentInput(int population, int channel, int fromStep, int toStep, double amplitude) {
    public CurrentInput {
        InvalidNetworkException.require(fromStep >= 0 && toStep >= fromStep, "current input: need 0 <= from_step <= to_step");
        InvalidNetworkException.require(Double.isFinite(amplitude), "current input: amplitude must be finite");
        InvalidNetworkException.require(channel >= 0, "current input: channel must be >= 0");
    }

    public boolean activeAt(long step) { return step >= fromStep && step < toStep; }
}
