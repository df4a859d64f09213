package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroracle.daoserver.oracle.OracleStore.LogStatus;
import org.neuroracle.daoserver.oracle.OracleStore.TxStatus;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real process kills: a node runs in a child JVM, stops at a crash point (claimed but not broadcast, or broadcast
 * but no receipt seen), and is killed with SIGKILL there; a node restarted on the same database finishes the job.
 * Exactly one vote of that node lands.
 */
class OracleKillTest extends OracleTestBase {

    @ParameterizedTest
    @ValueSource(strings = {CrashPoints.AFTER_CLAIM, CrashPoints.AFTER_BROADCAST})
    void killedNodeRestartsAndItsVoteLandsExactlyOnce(String crashPoint) throws Exception {
        Deployment d = deploy(1);
        byte[] input = votes("for,7\nagainst,2");
        Path db = dir.resolve("node.db");
        long nonceBefore = txCount(node1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "-Xmx256m",
                "-Dneuroracle.oracle.pauseAt=" + crashPoint, ChildNodeMain.class.getName(), anvil.url, d.oracle(), db.toString(),
                org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(node1.getEcKeyPair().getPrivateKey(), 64))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] id;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("neuroracle-ready", out.readLine());
            id = ask(d, input, 3600);
            String line;
            while ((line = out.readLine()) != null && !line.equals("neuroracle-pause " + crashPoint)) {
                // skip anything else the child prints
            }
            assertEquals("neuroracle-pause " + crashPoint, line, "the child reached the crash point");
            Process kill = new ProcessBuilder("kill", "-9", Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
        } finally {
            child.destroyForcibly();
        }
        if (crashPoint.equals(CrashPoints.AFTER_CLAIM)) {
            assertEquals(nonceBefore, txCount(node1), "killed before the broadcast: nothing was sent");
        }
        try (OracleNode n = new OracleNode(new OracleNodeConfig(anvil.url, d.oracle(), 0, 100, 0, 2000, db), anvil.web3j, node1, TALLY)) {
            settle(n);
            settle(n);
            assertEquals(TxStatus.MINED, n.store().fulfilment(NeuroOracleAbi.hex(id)).orElseThrow().status());
            assertEquals(Map.of(LogStatus.FULFILLED, 1), n.store().logStatusCounts());
        }
        assertEquals(nonceBefore + 1, txCount(node1), "exactly one transaction of the node");
        assertEquals(1, answerCount(d));
        assertArrayEquals(tally(MODEL_ID, input), answer(d, id));
    }
}
