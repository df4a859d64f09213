package org.neuroracle.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options that asked for unbounded work or were accepted out of range (a bad-input sweep found them): one line, exit 1, before any work. */
class OptionBoundsTest {
    static void refused(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("neuroracle: " + expected, r.err().strip());
    }

    @Test void unboundedWorkIsRefused(@TempDir Path dir) {
        refused("--bio-seconds: 1.0E12 is more than 3600 s of simulated time per run", "bench", "cuba", "--bio-seconds", "1e12", "--out", dir.resolve("b").toString());
        refused("--repeats: must be 1..100, got 2000000000", "eval", "synth-augment", "--data", dir.toString(), "--repeats", "2000000000");
        refused("quorum: at most 60 integer and 36 fractional digits of tokens, got 1 significant digits at scale -5000000",
                "data", "import", "--format", "compound-bravo", "--in", dir.resolve("none.csv").toString(), "--out", dir.resolve("q").toString(), "--quorum", "1e5000000");
    }

    @Test void anRpcThatIsNotAUrlIsNamed() {
        CliRun r = CliRun.of("oracle", "deploy", "--rpc", "notaurl", "--private-key-env", "NO_SUCH_KEY_VAR");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("neuroracle: Invalid value for option '--rpc': 'notaurl' is not an http(s) URL with a host, e.g. http://127.0.0.1:8545",
                r.err().lines().findFirst().orElseThrow());
    }

    @Test void aConsumerThatIsNotAnAddressIsNamed() {
        CliRun r = CliRun.of("oracle", "answer", "--rpc", "http://127.0.0.1:1", "--consumer", "nothex", "--request", "00".repeat(32));
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("neuroracle: Invalid value for option '--consumer': 'nothex' is not an address (0x and 40 hex digits)", r.err().lines().findFirst().orElseThrow());
        CliRun g = CliRun.of("serve", "--rpc", "http://127.0.0.1:1", "--governor", "0x" + "ab".repeat(20) + ",0x12");
        assertEquals(2, g.exitCode(), g.err());
        assertEquals("neuroracle: Invalid value for option '--governor' (ADDR): '0x12' is not an address (0x and 40 hex digits)", g.err().lines().findFirst().orElseThrow());
    }

    @Test void anUnknownProfileIsRefusedBeforeTheRun() {
        CliRun r = CliRun.of("simulate", "--network", "cuba", "--steps", "10", "--profile", "nope");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("", r.out(), "nothing simulated");
        assertTrue(r.err().startsWith("neuroracle: unknown hardware profile 'nope'"), r.err());
    }

    @Test void outOfRangeValuesAreRefused(@TempDir Path dir) throws Exception {
        refused("--checkpoint: a fraction of the voting window in (0, 1), got 5.0", "eval", "synth-augment", "--data", dir.toString(), "--checkpoint", "5");
        refused("--repeats: must be 1..100, got 0", "eval", "synth-augment", "--data", dir.toString(), "--repeats", "0");
        refused("--epsilon must be a finite number > 0, got Infinity", "eval", "synth-augment", "--data", dir.toString(), "--epsilon", "Infinity");
        refused("--local-size must be a power of two, got 3", "kernels", "--local-size", "3");
        refused("--epsilon must be a finite number >= 0 (0 = no privacy), got Infinity", "data", "synth", "--kind", "governance", "--epsilon", "Infinity", "--out", dir.resolve("s").toString());
        Path binary = Files.write(dir.resolve("binary.json"), new byte[]{(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        refused(binary + ": not UTF-8 text (a network file is JSON)", "simulate", "--network", binary.toString(), "--steps", "1");
        refused("--threads: must be >= 0 (0 = all cores), got -1", "train", "vote", "--data", dir.toString(), "--out", dir.resolve("t").toString(), "--threads", "-1");
        Path folder = Files.createDirectory(dir.resolve("out.nir"));
        refused("--out " + folder + ": names an existing folder; this option takes a file", "nir", "export", "cuba", "--out", folder.toString());
    }
}
