import org.neuroracle.daoserver.Journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes daoserver/src/test/resources/journal/v1-text-hash-index.db, the journal JournalMigrationTest opens: a real
 * file of the schema before the compact request key (the TEXT index journal_request_sha256). It was made by running
 * this against the classes of main f521563 (so with that commit's Journal), not against this branch:
 *   java -cp daoserver/target/classes:forecast/target/classes:SQLITE_JDBC_JAR:VERTX_CORE_JAR \
 *     daoserver/bench/OldJournalFixture.java OUT_DIR
 */
public class OldJournalFixture {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        // maxRequestBytes 64: the 100-byte body below is stored as a PREFIX row.
        try (Journal j = Journal.open(dir, new Journal.Policy("NORMAL", 8, 64, 0, 0))) {
            for (int i = 0; i < 6; i++) {
                byte[] req = ("{\"proposalId\":\"old-" + i + "\",\"votes\":[" + i + "]}").getBytes(StandardCharsets.UTF_8);
                byte[] ans = ("{\"answer\":" + i + ",\"pad\":\"" + "x".repeat(40 * i) + "\"}").getBytes(StandardCharsets.UTF_8);
                j.append(new Journal.Entry(1_700_000_000_000L + i, i % 3 == 2 ? "treasury" : "vote", req, 200, ans,
                        "model-" + i, "input-" + i, "0xatt" + i)).join();
            }
            byte[] again = "{\"proposalId\":\"old-1\",\"votes\":[1]}".getBytes(StandardCharsets.UTF_8);
            j.append(new Journal.Entry(1_700_000_000_010L, "vote", again, 200, "{\"answer\":1}".getBytes(StandardCharsets.UTF_8),
                    "model-1", "input-1", "0xatt1", true)).join();
            byte[] big = ("{\"proposalId\":\"big\",\"pad\":\"" + "y".repeat(80) + "\"}").getBytes(StandardCharsets.UTF_8);
            j.append(new Journal.Entry(1_700_000_000_011L, "vote", big, 200, new byte[]{1, 2, 3}, null, null, null)).join();
            j.append(new Journal.Entry(1_700_000_000_012L, "simulation", "{\"builtin\":\"cuba\"}".getBytes(StandardCharsets.UTF_8),
                    200, new byte[0], null, null, null)).join();
        }
    }
}
