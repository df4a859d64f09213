package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Style rule 4: every buffer layout constant of the Java *Layout classes equals its #define in layout.cl, and back. */
class LayoutAgreementTest {
    private static final Pattern DEFINE = Pattern.compile("^#define\\s+(NR_[A-Z0-9_]+)\\s+(-?\\d+)\\s*$", Pattern.MULTILINE);
    /** Defines in layout.cl that are not buffer layout constants. */
    private static final Set<String> NOT_LAYOUT = Set.of("NR_HAS_FP64");

    private static Map<String, Integer> javaSide() {
        Map<String, Integer> all = new HashMap<>();
        for (Map<String, Integer> m : List.of(CounterLayout.clDefines(), RecordLayout.clDefines(), ExternalLayout.clDefines(),
                DriveLayout.clDefines(), ParamLayout.clDefines(), PopulationLayout.clDefines(), StateLayout.clDefines(), KernelSource.clDefines()))
            for (var e : m.entrySet()) {
                Integer prev = all.put(e.getKey(), e.getValue());
                assertTrue(prev == null, e.getKey() + " is claimed by two Java layouts");
            }
        return all;
    }

    private static Map<String, Integer> clSide() {
        Map<String, Integer> defines = new TreeMap<>();
        Matcher m = DEFINE.matcher(KernelSource.resource("layout.cl"));
        while (m.find()) if (!NOT_LAYOUT.contains(m.group(1))) defines.put(m.group(1), Integer.parseInt(m.group(2)));
        return defines;
    }

    @Test void everyJavaLayoutConstantMatchesItsClDefine() {
        Map<String, Integer> cl = clSide();
        for (var e : javaSide().entrySet())
            assertEquals(e.getValue(), cl.get(e.getKey()), "layout.cl #define " + e.getKey() + " vs the Java layout");
    }

    @Test void everyClLayoutDefineHasAJavaOwner() {
        Map<String, Integer> java = javaSide();
        for (String name : clSide().keySet())
            assertTrue(java.containsKey(name), "layout.cl defines " + name + " but no Java *Layout class declares it");
    }

    @Test void kernelSourcesArePlainAscii() {
        // OpenCL C compilers (FPGA ones especially) need not accept anything else, even in comments.
        for (String f : KernelSource.FILES)
            assertTrue(KernelSource.resource(f).chars().allMatch(c -> c < 128), f + " has a non-ASCII character");
    }

    @Test void ringSlotsArePowersOfTwoAboveTheLongestDelay() {
        for (int d = 1; d <= 4096; d++) {
            int s = StateLayout.ringSlots(d);
            assertEquals(1, Integer.bitCount(s));
            assertTrue(s > d && s <= 2 * d, "slots " + s + " for delay " + d);
        }
    }
}
