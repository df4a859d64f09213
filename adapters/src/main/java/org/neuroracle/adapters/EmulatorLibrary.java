package org.neuroracle.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the reference board emulator built by this module's Maven build: the system property
 * {@code neuroracle.board.emulator} (the tests set it to {@code adapters/target/native/...}), else the copy
 * packed in the jar, extracted once per JVM into a temporary file.
 */
public final class EmulatorLibrary {
    public static final String PROPERTY = "neuroracle.board.emulator";
    static final String RESOURCE = "/org/neuroracle/adapters/native/libneuroracle_board_emulator.so";
    private static Path extracted;

    private EmulatorLibrary() {}

    public static boolean available() {
        String p = System.getProperty(PROPERTY);
        if (p != null && Files.isRegularFile(Path.of(p))) return true;
        return EmulatorLibrary.class.getResource(RESOURCE) != null;
    }

    /** Path of a loadable emulator library; throws {@link BoardException} when the build did not produce one. */
    public static synchronized Path path() {
        String p = System.getProperty(PROPERTY);
        if (p != null && Files.isRegularFile(Path.of(p))) return Path.of(p);
        if (extracted != null && Files.isRegularFile(extracted)) return extracted;
        try (InputStream in = EmulatorLibrary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new BoardException("the board emulator library is not packaged (build the adapters module with a C compiler: cc)", 0);
            Path dir = Files.createTempDirectory("neuroracle-board");
            Path file = dir.resolve("libneuroracle_board_emulator.so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            extracted = file;
            return file;
        } catch (IOException e) {
            throw new BoardException("cannot extract the board emulator library: " + e.getMessage(), 0);
        }
    }
}
