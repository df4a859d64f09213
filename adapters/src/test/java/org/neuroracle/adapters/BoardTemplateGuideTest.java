package org.neuroracle.adapters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.ProfileValidator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * adapters/README.md's guide, run as written: its shell lines with bash in a fresh directory, its two
 * {@code neuroracle} lines through the code the CLI calls (ProfileValidator, BoardConformance), since the CLI is
 * built after this module.
 */
class BoardTemplateGuideTest {
    static List<String> guide() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int a = readme.indexOf("<!-- guide:begin -->"), b = readme.indexOf("<!-- guide:end -->");
        assertTrue(a >= 0 && b > a, "README.md has no guide block");
        List<String> lines = new ArrayList<>();
        for (String l : readme.substring(a, b).split("\n"))
            if (!l.isBlank() && !l.startsWith("<!--") && !l.startsWith("```")) lines.add(l.replaceAll("\\s+#.*$", ""));
        return lines;
    }

    @Test void copyTheTemplateBuildItAndPassTheKit(@TempDir Path home) throws Exception {
        List<String> lines = guide();
        assertTrue(lines.get(0).startsWith("export NR="), lines.get(0));
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path calls = home.resolve("neuroracle-calls");
        StringBuilder script = new StringBuilder("set -euo pipefail\n")
                .append("nr_call() { echo \"$PWD|$*\" >> '").append(calls).append("'; }\n")
                .append("export NR='").append(repo).append("'\n");
        for (String l : lines.subList(1, lines.size())) script.append(l.replace("$NR/neuroracle", "nr_call")).append('\n');
        Process p = new ProcessBuilder("bash", "-c", script.toString()).directory(home.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), "the guide's shell lines failed:\n" + script + "\n" + log);

        List<String> cli = Files.readAllLines(calls);
        assertEquals(2, cli.size(), cli.toString());
        // 1: profiles validate FILE
        String[] validate = cli.get(0).split("\\|", 2);
        List<String> v = Arrays.asList(validate[1].split(" "));
        assertEquals(List.of("profiles", "validate"), v.subList(0, 2));
        ProfileValidator.Result r = ProfileValidator.validateFile(Path.of(validate[0]).resolve(v.get(2)));
        assertTrue(r.ok(), r.problems().toString());
        // 2: board check --lib LIB --profile FILE
        String[] check = cli.get(1).split("\\|", 2);
        List<String> c = Arrays.asList(check[1].split(" "));
        assertEquals(List.of("board", "check", "--lib"), c.subList(0, 3));
        assertEquals("--profile", c.get(4));
        Path dir = Path.of(check[0]);
        HardwareProfile profile = ProfileValidator.validateFile(dir.resolve(c.get(5))).profile();
        BoardConformance.Report report = BoardConformance.run(dir.resolve(c.get(3)).normalize(), profile, null);
        assertTrue(report.passed(), report.format());
        assertEquals("myboard", profile.name());
        assertTrue(report.format().contains("board 'myboard'"), report.format());
    }
}
