package org.neuroracle.cli;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OracleDemoCommandTest {
    static final Path ANVIL = Path.of("..", "daoserver", "chain", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    @Test void thresholdThatIsNoMajorityIsRefusedInOneLine() {
        CliRun r = CliRun.of("oracle", "demo", "--rpc", "http://127.0.0.1:1", "--private-key-env", "NEURORACLE_TEST_UNSET_KEY",
                "--nodes", "4", "--threshold", "2");
        assertNotEquals(0, r.exitCode());
        assertEquals("neuroracle: threshold: must be a majority of the 4 nodes (k > n/2, k <= n), got 2", r.err().strip());
    }

    /** The whole loop as a user runs it: a real anvil, the CLI in its own JVM with the key in an environment variable. */
    @Test void demoAgainstAnvilEndsWithOneJsonLineWhoseOnChainAndHttpValuesAgree(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(ANVIL), "anvil is not installed: run `npm ci` in daoserver/chain");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process anvil = new ProcessBuilder(ANVIL.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--silent")
                .redirectErrorStream(true).redirectOutput(dir.resolve("anvil.log").toFile()).start();
        try {
            Thread.sleep(1500);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "org.neuroracle.cli.Main", "oracle", "demo", "--rpc", "http://127.0.0.1:" + port, "--private-key-env", "DEMO_KEY",
                    "--work-dir", dir.resolve("work").toString())
                    .redirectError(dir.resolve("err.txt").toFile()).redirectOutput(dir.resolve("out.txt").toFile());
            pb.environment().put("DEMO_KEY", "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"); // anvil dev key 0
            Process demo = pb.start();
            assertTrue(demo.waitFor(10, TimeUnit.MINUTES), "demo did not finish");
            String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
            assertEquals(0, demo.exitValue(), err);
            List<String> out = Files.readAllLines(dir.resolve("out.txt"), StandardCharsets.UTF_8);
            JsonObject last = new JsonObject(out.getLast());
            for (String k : List.of("chainId", "oracle", "governor", "consumer", "proposalId", "requestId", "requestTx", "finalisedBlock",
                    "onChain", "http")) {
                assertTrue(last.containsKey(k), k + " missing in " + last);
            }
            assertTrue(last.getString("proposalId").matches("[0-9]+"), "decimal string");
            assertEquals(last.getJsonObject("onChain").getLong("pPassPpm"), last.getJsonObject("http").getLong("pPassPpm"));
            assertTrue(err.contains("finalised in block"), err);
            // Item 7: three nodes (the last on opencl where this machine has it) answer in the same block with k = 2;
            // the vote after the second is a late no-op, not a revert.
            assertTrue(err.contains("3 fulfilments sealed in one block by evm_mine"), err);
            var nodes = last.getJsonArray("nodes");
            Set<Long> blocks = new HashSet<>();
            int finalising = 0, late = 0;
            for (int i = 0; i < nodes.size(); i++) {
                JsonObject n = nodes.getJsonObject(i);
                blocks.add(n.getLong("fulfilBlock"));
                if (n.getBoolean("finalising")) finalising++;
                if (n.getBoolean("late")) late++;
            }
            assertEquals(Set.of(last.getLong("finalisedBlock")), blocks, "every fulfilment in the finalising block: " + nodes);
            assertEquals(1, finalising);
            assertEquals(1, late);
            boolean opencl = false;
            try {
                opencl = org.neuroracle.snn.backend.Backends.byName("opencl").available();
            } catch (RuntimeException e) {
                // no OpenCL backend here: every node runs on cpu, as the demo says
            }
            if (opencl) assertEquals("opencl", nodes.getJsonObject(nodes.size() - 1).getString("backend"), nodes.encode());
            System.out.println("OracleDemoCommandTest: " + out.getLast());
        } finally {
            anvil.destroyForcibly().waitFor();
        }
    }
}
