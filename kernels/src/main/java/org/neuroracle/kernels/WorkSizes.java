package org.neuroracle.kernels;

import org.neuroracle.kernels.cl.ClDevice;

/**
 * Launch geometry per device type. GPUs want many work-items per group and many groups in flight; CPU
 * devices (PoCL) run a work-group as a loop, so small groups and one or two groups per core are best;
 * accelerators (FPGA) get one pipelined work-group so the fixed local memory stays small.
 *
 * @param updateLocal      work-group size of the neuron update kernels (NR_LOCAL_SIZE, a power of two)
 * @param propagateLocal   work-items sharing one spike's synapse row
 * @param propagateGroups  work-groups striding over the spike queue
 */
public record WorkSizes(int updateLocal, int propagateLocal, int propagateGroups) {
    public static WorkSizes forDevice(ClDevice d) {
        int cu = Math.max(1, d.computeUnits());
        if (d.isGpu()) return new WorkSizes(fit(128, d), fit(64, d), cu * 8);
        if (d.isAccelerator()) return new WorkSizes(fit(64, d), 1, 1);
        return new WorkSizes(fit(64, d), 1, cu * 2);
    }

    private static int fit(int wanted, ClDevice d) {
        int max = (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.maxWorkGroupSize()));
        return Integer.highestOneBit(Math.min(wanted, max));
    }

    /** {@code n} rounded up to a multiple of {@code local}. */
    static long roundUp(long n, long local) { return Math.max(local, (n + local - 1) / local * local); }
}
