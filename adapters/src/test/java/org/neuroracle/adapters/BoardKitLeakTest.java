package org.neuroracle.adapters;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance kit's ABI sequences, replayed in C (src/test/c/leakcheck.c) with every allocation failing once,
 * under Valgrind, or ASan/LeakSanitizer where Valgrind is missing: no leak and no invalid access on any failure path,
 * and the board usable after each. (The JVM itself cannot usefully run under either tool, so the sequences run in
 * a C driver linked with the kit.)
 */
class BoardKitLeakTest {
    private static final List<String> WRAP = List.of("-Wl,--wrap=malloc", "-Wl,--wrap=calloc", "-Wl,--wrap=realloc");

    private static List<NativeBuild.Source> sources(Path emulator) throws Exception {
        return NativeBuild.plus(NativeBuild.kit(), NativeBuild.Source.of(emulator), NativeBuild.Source.of(NativeBuild.TEST_C.resolve("leakcheck.c")));
    }

    /** Runs the driver under the available checker; null output when neither is there. */
    static Process check(List<NativeBuild.Source> sources, String name) throws Exception {
        Path dir = Path.of("target/leakcheck").toAbsolutePath();
        Files.createDirectories(dir);
        if (NativeBuild.onPath("valgrind")) {
            Path exe = NativeBuild.build(dir.resolve(name), sources, false, WRAP);
            return new ProcessBuilder("valgrind", "-q", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
                    "--error-exitcode=3", exe.toString()).redirectErrorStream(true).start();
        }
        List<String> asan = new ArrayList<>(WRAP);
        asan.add("-fsanitize=address");
        Path exe = NativeBuild.build(dir.resolve(name + "-asan"), sources, false, asan);
        return new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
    }

    static boolean checkerAvailable() throws Exception {
        if (NativeBuild.onPath("valgrind")) return true;
        Path probe = Files.createTempFile("asan", ".c");
        Files.writeString(probe, "int main(void) { return 0; }\n");
        Process p = new ProcessBuilder("cc", "-fsanitize=address", "-o", probe + ".out", probe.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    @Test void noLeakOnAnyAllocationFailureAndTheBoardStaysUsable() throws Exception {
        Assumptions.assumeTrue(checkerAvailable(), "neither valgrind nor an ASan-capable cc is installed (apt-get install valgrind): leak check skipped");
        Process p = check(sources(NativeBuild.EMULATOR), "leakcheck");
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("each failed once") && out.contains(" 0 problem(s)"), out);
    }

    /** The check can fail: a board that forgets to free a projection's arrays on a refused call is caught. */
    @Test void aLeakingBoardIsCaught() throws Exception {
        Assumptions.assumeTrue(checkerAvailable(), "neither valgrind nor an ASan-capable cc is installed (apt-get install valgrind): leak check skipped");
        Path leaky = Path.of("target/leakcheck/leaky_release.c").toAbsolutePath();
        Files.createDirectories(leaky.getParent());
        // The emulator, except that nrb_device_load keeps an allocation the board never frees.
        String emulator = Files.readString(NativeBuild.EMULATOR);
        String marker = "int32_t nrb_device_load(nrb_board *b) { (void) b; return NRB_OK; }";
        assertTrue(emulator.contains(marker), "the emulator's load hook changed; update this test");
        Files.writeString(leaky, "#include <stdlib.h>\n" + emulator.replace(marker,
                "int32_t nrb_device_load(nrb_board *b) { b->device = malloc(64); return NRB_OK; }"));
        Process p = check(sources(leaky), "leaky");
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor() != 0, "the leak went unnoticed:\n" + out);
        assertTrue(out.contains("definitely lost") || out.contains("LeakSanitizer"), out);
    }
}
