package org.neuroracle.kernels;

import org.neuroracle.kernels.cl.ClContext;
import org.neuroracle.kernels.cl.ClException;
import org.neuroracle.kernels.cl.ClProgram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * On-disk cache of built program binaries, keyed by sha256(source, build options, device identity incl. driver
 * version): a different kernel text, -D constant, device or driver never reuses a stale binary. The directory is
 * {@code -Dneuroracle.opencl.cache=DIR}, else {@code $NEURORACLE_OPENCL_CACHE}, else
 * {@code $XDG_CACHE_HOME/neuroracle/opencl}, else {@code ~/.cache/neuroracle/opencl}. A cache entry that no
 * longer loads is deleted and rebuilt; a directory that cannot be written only means no caching.
 */
public final class ProgramCache {
    /** Where a program came from, for tests and {@code --verbose} output. */
    public enum Origin { SOURCE, CACHE, BINARY_FILE }

    private final Path dir;

    public ProgramCache(Path dir) { this.dir = dir; }

    public static ProgramCache defaultCache() { return new ProgramCache(defaultDirectory()); }

    public static Path defaultDirectory() {
        String p = System.getProperty("neuroracle.opencl.cache");
        if (p == null || p.isBlank()) p = System.getenv("NEURORACLE_OPENCL_CACHE");
        if (p != null && !p.isBlank()) return Path.of(p);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("neuroracle").resolve("opencl");
    }

    public Path directory() { return dir; }

    public static String key(String source, String options, String deviceIdentity) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{source, options, deviceIdentity}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public Path entry(String source, String options, ClContext context) {
        return dir.resolve(key(source, options, context.device().cacheIdentity()) + ".bin");
    }

    /** A built program: from the cache when a valid entry exists, else from source (then stored). */
    public Built build(ClContext context, String source, String options) {
        Path file = entry(source, options, context);
        if (Files.isRegularFile(file)) {
            try {
                byte[] bin = Files.readAllBytes(file);
                return new Built(ClProgram.fromBinary(context, bin, options, "cache entry " + file), Origin.CACHE);
            } catch (IOException | ClException stale) {
                try { Files.deleteIfExists(file); } catch (IOException ignored) { /* rebuilt below either way */ }
            }
        }
        ClProgram program = ClProgram.fromSource(context, source, options);
        store(file, program.binary());
        return new Built(program, Origin.SOURCE);
    }

    private void store(Path file, byte[] binary) {
        if (binary.length == 0) return;
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "build-", ".tmp");
            Files.write(tmp, binary);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException unwritable) {
            // Caching is an optimisation: a read-only home directory must not stop a simulation.
        }
    }

    public record Built(ClProgram program, Origin origin) {}
}
