import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in CLI for launcher-test.sh, run by the real JVM through scripts/java-launch.sh (source-file mode), so the
 * filter is tested against the JVM's own incubator warning, its signal handling and its shutdown hooks.
 * {@code exit N}: one line on each stream, exit N. {@code kill9}: the JVM dies of SIGKILL.
 * {@code late}: leaves a child that writes to the same stderr a second after the JVM exits.
 * {@code hold FILE}: a shutdown hook that writes to stderr, the warning's text as a line of its own (it must pass: only
 * the JVM's line is dropped), a progress line ending in \r without its newline, then waits until FILE exists.
 */
public class LauncherProbe {
    public static void main(String[] args) throws Exception {
        System.out.println("probe: stdout line");
        System.err.println("probe: stderr line");
        switch (args[0]) {
            case "exit" -> System.exit(Integer.parseInt(args[1]));
            case "kill9" -> {
                new ProcessBuilder("kill", "-KILL", Long.toString(ProcessHandle.current().pid())).start().waitFor();
                Thread.sleep(60_000);
            }
            case "late" -> new ProcessBuilder("sh", "-c", "sleep 1; echo 'probe: written after the JVM exited' >&2")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            case "hold" -> {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println("probe: shutdown hook ran")));
                System.err.println("WARNING: Using incubator modules: jdk.incubator.vector");
                System.err.print("probe: progress 50%\r");
                System.err.flush();
                Path go = Path.of(args[1]);
                for (int i = 0; i < 2400 && !Files.exists(go); i++) Thread.sleep(50);
                System.err.println("probe: released");
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
