package org.neuroracle.snn.cpu;

import java.util.function.BooleanSupplier;

/**
 * Whether a {@code lif} population ({@link LifState}, {@link FixedLifState}) steps through its Vector API kernel in
 * the coming steps. <em>Capable</em>: its layout has a kernel, the JVM resolved the module
 * ({@link LifState#VECTOR_MODULE}), {@code -Dneuroracle.cpu.vector} is not {@code false} and the kernel accepts this
 * machine's vector species. <em>Active</em>: capable and chosen for this run ({@link KernelChoice}); from the start
 * with {@code -Dneuroracle.cpu.vector=true}. Per instance, so that tests compare both paths in one JVM. The kernels keep
 * none of the scalar path's derived state (refractory list, range marks): the population rebuilds it when
 * {@link #use} says the path changed.
 */
final class VectorKernelSwitch {
    private final boolean capable;
    private boolean active;

    /**
     * {@code kernelUsable} is asked only where the module is resolved: a lambda calling the kernel class, so that
     * class is never loaded without the module (a method reference would resolve it here).
     */
    VectorKernelSwitch(boolean layoutHasKernel, BooleanSupplier kernelUsable) {
        KernelChoice.Mode mode = KernelChoice.configured();
        capable = layoutHasKernel && LifState.VECTOR_MODULE && mode != KernelChoice.Mode.NEVER && kernelUsable.getAsBoolean();
        active = capable && mode == KernelChoice.Mode.ALWAYS;
    }

    /** The kernel on or off for the coming steps, where the population is capable; true when the path changed. */
    boolean use(boolean on) {
        boolean next = capable && on, changed = next != active;
        active = next;
        return changed;
    }

    boolean active() { return active; }
}
