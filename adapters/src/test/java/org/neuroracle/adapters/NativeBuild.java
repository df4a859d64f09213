package org.neuroracle.adapters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Compiles C test builds of the board kit with the system compiler: each source to an object with its own flags,
 * then one link. Paths are relative to the adapters module (surefire's working directory).
 */
final class NativeBuild {
    static final Path ABI = Path.of("board-abi").toAbsolutePath(), KIT = Path.of("board-kit").toAbsolutePath(),
            EMULATOR = Path.of("board-emulator/emulator.c").toAbsolutePath(), TEST_C = Path.of("src/test/c").toAbsolutePath();

    private NativeBuild() {}

    /** One source file and the extra compiler flags for it. */
    record Source(Path file, List<String> flags) {
        static Source of(Path file, String... flags) { return new Source(file, List.of(flags)); }
    }

    /** The kit's sources, except those whose file name is in {@code replaced}. */
    static List<Source> kit(String... replaced) throws IOException {
        List<String> skip = List.of(replaced);
        try (Stream<Path> files = Files.list(KIT)) {
            return files.filter(p -> p.toString().endsWith(".c") && !skip.contains(p.getFileName().toString())).sorted()
                    .map(p -> Source.of(p)).toList();
        }
    }

    static List<Source> plus(List<Source> a, Source... more) {
        List<Source> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    /** Build a shared library (or, with {@code shared} false, an executable) at {@code out}. */
    static Path build(Path out, List<Source> sources, boolean shared, List<String> linkFlags) throws IOException, InterruptedException {
        Path dir = out.getParent().resolve(out.getFileName() + ".o.d");
        Files.createDirectories(dir);
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            Path obj = dir.resolve(i + "-" + s.file().getFileName() + ".o");
            List<String> cmd = new ArrayList<>(List.of("cc", "-c", "-O1", "-g", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-Wall", "-Wextra", "-Werror", "-fPIC",
                    "-I" + ABI, "-I" + KIT));
            cmd.addAll(linkFlags.stream().filter(f -> f.startsWith("-fsanitize")).toList());
            cmd.addAll(s.flags());
            cmd.addAll(List.of("-o", obj.toString(), s.file().toString()));
            run(cmd);
            objects.add(obj.toString());
        }
        List<String> link = new ArrayList<>(List.of("cc"));
        if (shared) link.add("-shared");
        link.addAll(linkFlags);
        link.addAll(List.of("-o", out.toString()));
        link.addAll(objects);
        run(link);
        return out;
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + " failed:\n" + log);
        return log;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":"))
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }
}
