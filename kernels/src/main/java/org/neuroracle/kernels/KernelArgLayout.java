package org.neuroracle.kernels;

import java.util.List;

/**
 * The argument lists of the host-launched kernels, in order: an argument's index is its enum ordinal, so the
 * host sets arguments by name and {@code KernelSignatureTest} checks each list (OpenCL C type and name) against
 * the {@code __kernel} signature in the .cl sources. The merged step kernels declare their buffers
 * {@code restrict} (each is a distinct buffer), so the compiler may keep parameters in registers across stores.
 */
public final class KernelArgLayout {
    private KernelArgLayout() {}

    /** One kernel argument: its OpenCL C declaration without the name, and the name. */
    public interface Arg {
        String type();
        String paramName();
        default int index() { return ((Enum<?>) this).ordinal(); }
    }

    public enum UpdateAll implements Arg {
        STEP("const int", "step"), POP_TABLE("__global const int* restrict", "popTable"), GROUP_POP("__global const int* restrict", "groupPop"),
        NEURON_GROUPS("const int", "neuronGroups"), EXT_START("const int", "extStart"), EXT_COUNT("const int", "extCount"),
        EXTERNAL("__global const int* restrict", "external"), TOTAL_LANES("const int", "totalLanes"),
        STATE("__global ring_t* restrict", "state"), PARAMS("__global const int* restrict", "params"), FPARAMS("__global const float* restrict", "fparams"),
        DRIVES("__global const int* restrict", "drives"), TABLES("__global const uint* restrict", "tables"), SEED_LO("const uint", "seedLo"),
        SEED_HI("const uint", "seedHi"), RING("__global ring_t* restrict", "ring"), QUEUE("__global int* restrict", "queue"),
        QUEUE_COUNT("__global int* restrict", "queueCount"), ROW_PTR("__global const int* restrict", "rowPtr"),
        RECORD_FLAGS("__global const int* restrict", "recordFlags"), RECORD("__global int* restrict", "record"),
        RECORD_COUNT("__global int* restrict", "recordCount"), COUNTERS("__global uint* restrict", "counters");
        private final String type, name;
        UpdateAll(String type, String name) { this.type = type; this.name = name; }
        @Override public String type() { return type; }
        @Override public String paramName() { return name; }
    }

    public enum Propagate implements Arg {
        STEP("const int", "step"), TOTAL_LANES("const int", "totalLanes"), QUEUE("__global const int*", "queue"),
        QUEUE_COUNT("__global int*", "queueCount"), ROW_PTR("__global const int*", "rowPtr"),
        SYN_LANE("__global const int*", "synLane"), SYN_DELAY("__global const int*", "synDelay"),
        SYN_WEIGHT("__global const ring_t*", "synWeight"), RING("__global ring_t*", "ring");
        private final String type, name;
        Propagate(String type, String name) { this.type = type; this.name = name; }
        @Override public String type() { return type; }
        @Override public String paramName() { return name; }
    }

    public enum RunSteps implements Arg {
        FROM_STEP("const int", "fromStep"), TO_STEP("const int", "toStep"), POPULATIONS("const int", "populations"),
        POP_TABLE("__global const int* restrict", "popTable"), EXT_START("const int", "extStart"), EXT_END("const int", "extEnd"),
        EXTERNAL("__global const int* restrict", "external"), EXTERNAL_STEPS("__global const int* restrict", "externalSteps"),
        TOTAL_LANES("const int", "totalLanes"), STATE("__global ring_t* restrict", "state"), PARAMS("__global const int* restrict", "params"),
        FPARAMS("__global const float* restrict", "fparams"), DRIVES("__global const int* restrict", "drives"),
        TABLES("__global const uint* restrict", "tables"), SEED_LO("const uint", "seedLo"), SEED_HI("const uint", "seedHi"),
        RING("__global ring_t* restrict", "ring"), QUEUE("__global int* restrict", "queue"), QUEUE_COUNT("__global int* restrict", "queueCount"),
        ROW_PTR("__global const int* restrict", "rowPtr"), SYN_LANE("__global const int* restrict", "synLane"),
        SYN_DELAY("__global const int* restrict", "synDelay"), SYN_WEIGHT("__global const ring_t* restrict", "synWeight"),
        RECORD_FLAGS("__global const int* restrict", "recordFlags"), RECORD("__global int* restrict", "record"),
        RECORD_COUNT("__global int* restrict", "recordCount"), COUNTERS("__global uint* restrict", "counters"),
        SCRATCH("__global float* restrict", "scratch");
        private final String type, name;
        RunSteps(String type, String name) { this.type = type; this.name = name; }
        @Override public String type() { return type; }
        @Override public String paramName() { return name; }
    }

    public enum Config implements Arg {
        OUT("__global int*", "out");
        private final String type, name;
        Config(String type, String name) { this.type = type; this.name = name; }
        @Override public String type() { return type; }
        @Override public String paramName() { return name; }
    }

    /** Kernel name and its argument enum, for every kernel the backend launches. */
    public record Kernel(String name, Class<? extends Arg> args) {
        public List<Arg> list() { return List.of(args.getEnumConstants()); }
    }

    public static final List<Kernel> KERNELS = List.of(new Kernel("update_all", UpdateAll.class),
            new Kernel("propagate", Propagate.class), new Kernel("run_steps", RunSteps.class),
            new Kernel("nr_config", Config.class));
}
