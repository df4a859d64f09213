package org.neuroracle.kernels;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host sets kernel arguments by KernelArgLayout's enums; this parses every {@code __kernel} signature of the
 * program text and checks each Java list, argument by argument (OpenCL C type, name, order), both ways.
 */
class KernelSignatureTest {
    /** {@code __kernel [attributes] void name(params)}; attributes may nest parentheses one level deep. */
    private static final Pattern KERNEL = Pattern.compile(
            "__kernel\\s+(?:__attribute__\\s*\\(\\((?:[^()]|\\([^()]*\\))*\\)\\)\\s*)*void\\s+(\\w+)\\s*\\(([^)]*)\\)");
    /** Kernels only the self-tests launch (KernelPrimitivesTest sets their arguments itself). */
    private static final Set<String> TEST_ONLY = Set.of("nr_test_fixed_lif", "nr_test_philox");

    record Param(String type, String name) {}

    static Map<String, List<Param>> parse(String source) {
        String noComments = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
        Map<String, List<Param>> out = new LinkedHashMap<>();
        Matcher m = KERNEL.matcher(noComments);
        while (m.find()) {
            List<Param> params = new ArrayList<>();
            for (String raw : m.group(2).split(",")) {
                String p = raw.trim().replaceAll("\\s+", " ").replaceAll("\\s*\\*\\s*", "* ").trim();
                int cut = p.lastIndexOf(' ');
                params.add(new Param(p.substring(0, cut).trim(), p.substring(cut + 1)));
            }
            assertTrue(out.put(m.group(1), params) == null, "kernel " + m.group(1) + " is defined twice");
        }
        return out;
    }

    @Test void everyJavaArgumentListMatchesItsKernelSignature() {
        Map<String, List<Param>> kernels = parse(KernelSource.text());
        for (KernelArgLayout.Kernel k : KernelArgLayout.KERNELS) {
            List<Param> cl = kernels.get(k.name());
            assertNotNull(cl, "KernelArgLayout names kernel " + k.name() + " but the program has no such __kernel");
            List<KernelArgLayout.Arg> java = k.list();
            for (int i = 0; i < Math.max(cl.size(), java.size()); i++) {
                String want = i < cl.size() ? cl.get(i).type() + " " + cl.get(i).name() : "(none)";
                String got = i < java.size() ? java.get(i).type() + " " + java.get(i).paramName() : "(none)";
                assertEquals(want, got, k.name() + " argument " + i + ": .cl signature vs " + k.args().getSimpleName());
            }
        }
    }

    @Test void everyKernelHasAJavaArgumentLayout() {
        Set<String> java = new java.util.HashSet<>();
        for (KernelArgLayout.Kernel k : KernelArgLayout.KERNELS) java.add(k.name());
        for (String name : parse(KernelSource.text()).keySet())
            assertTrue(java.contains(name) || TEST_ONLY.contains(name), "__kernel " + name + " has no KernelArgLayout entry");
    }

    @Test void theParserSeesTypesNamesAndAttributes() {
        Map<String, List<Param>> k = parse("""
                /* __kernel void commented(int x) */
                __kernel __attribute__((reqd_work_group_size(NR_LOCAL_SIZE, 1, 1)))
                void a(const int step,   __global const int *rowPtr, __global ring_t* ring) { }
                __kernel void b(__global uint* counters) { }
                """);
        assertEquals(List.of("a", "b"), List.copyOf(k.keySet()));
        assertEquals(List.of(new Param("const int", "step"), new Param("__global const int*", "rowPtr"),
                new Param("__global ring_t*", "ring")), k.get("a"));
        assertEquals(List.of(new Param("__global uint*", "counters")), k.get("b"));
    }
}
