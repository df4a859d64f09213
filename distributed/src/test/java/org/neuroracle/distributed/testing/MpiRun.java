package org.neuroracle.distributed.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Java main class on N ranks with Open MPI's mpirun, on the test class path. Tests that need it skip (never
 * pass silently) when mpirun is absent or cannot start a job here, with the reason.
 * <p>Flags: {@code --allow-run-as-root} because containers and CI run as root (mpirun refuses otherwise);
 * {@code --oversubscribe} so 4 ranks run on a 2-core machine; {@code --mca btl self,vader} (shared memory within
 * the node) and {@code --mca pml ob1} keep Open MPI off the network transports (UCX, openib) that a container
 * lacks and that only print warnings here.
 */
public final class MpiRun {
    public static final List<String> MPIRUN_FLAGS = List.of("--allow-run-as-root", "--oversubscribe",
            "--mca", "btl", "self,vader", "--mca", "pml", "ob1");

    public record Result(int exitCode, String output) {}

    private MpiRun() {}

    /** The mpirun executable, or skips the calling test with the reason. */
    public static String mpirunOrSkip() {
        String mpirun = findOnPath("mpirun");
        Assumptions.assumeTrue(mpirun != null, "mpirun is not on PATH: install Open MPI (apt-get install openmpi-bin libopenmpi-dev) to run the MPI tests");
        try {
            Result probe = exec(List.of(mpirun, "--allow-run-as-root", "--oversubscribe", "-np", "1", "true"), 60);
            Assumptions.assumeTrue(probe.exitCode == 0, "mpirun cannot start a job on this machine: " + probe.output.strip());
        } catch (IOException e) {
            Assumptions.abort("mpirun cannot be started: " + e.getMessage());
        }
        return mpirun;
    }

    /** mpirun -np {@code ranks} java -cp (test class path) {@code mainClass} {@code args}. */
    public static Result java(int ranks, Class<?> mainClass, List<String> args, int timeoutSeconds) throws IOException {
        String mpirun = mpirunOrSkip();
        List<String> cmd = new ArrayList<>(List.of(mpirun));
        cmd.addAll(MPIRUN_FLAGS);
        cmd.addAll(List.of("-np", Integer.toString(ranks)));
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-XX:+UseSerialGC", "-cp", testClassPath(), mainClass.getName()));
        cmd.addAll(args);
        return exec(cmd, timeoutSeconds);
    }

    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static Result exec(List<String> cmd, int timeoutSeconds) throws IOException {
        Path log = Files.createTempFile("mpirun", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done;
            try {
                done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", cmd) + "\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(":")) {
            Path f = Path.of(dir, name);
            if (Files.isExecutable(f)) return f.toString();
        }
        return null;
    }
}
