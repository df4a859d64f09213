package org.neuroracle.daoserver;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Headless Debian Chromium: loads a page, runs its scripts (virtual time), and returns the resulting DOM. */
final class Chromium {
    private Chromium() {}

    static Path binary() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser"))
            if (Files.isExecutable(Path.of(c))) return Path.of(c);
        Assumptions.abort("chromium is not installed (scripts/install-test-deps.sh installs Debian's chromium)");
        return null;
    }

    /** The DOM after the page's scripts ran for {@code budgetMs} of virtual time (pending fetches finish first). */
    static String dumpDom(String url, int budgetMs) throws IOException, InterruptedException {
        return run(url, budgetMs, "--dump-dom");
    }

    static void screenshot(String url, int budgetMs, Path png) throws IOException, InterruptedException {
        run(url, budgetMs, "--screenshot=" + png, "--window-size=1600,1400");
    }

    /** The DOM as laid out in a window {@code widthPx} x {@code heightPx} (media queries and layout see that width). */
    static String dumpDom(String url, int budgetMs, int widthPx, int heightPx) throws IOException, InterruptedException {
        return run(url, budgetMs, "--dump-dom", "--window-size=" + widthPx + "," + heightPx, "--hide-scrollbars");
    }

    /** A PNG of the window {@code widthPx} x {@code heightPx} (the top of the page down to that height). */
    static void screenshot(String url, int budgetMs, Path png, int widthPx, int heightPx) throws IOException, InterruptedException {
        run(url, budgetMs, "--screenshot=" + png, "--window-size=" + widthPx + "," + heightPx, "--hide-scrollbars");
    }

    private static String run(String url, int budgetMs, String... mode) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("neuroracle-chromium");
        try {
            List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=" + budgetMs));
            cmd.addAll(List.of(mode));
            cmd.add(url);
            Path out = profile.resolve("stdout.html");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("chromium did not finish within 120 s");
            }
            if (p.exitValue() != 0) throw new IllegalStateException("chromium exited with " + p.exitValue());
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            try (var s = Files.walk(profile)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
            }
        }
    }
}
