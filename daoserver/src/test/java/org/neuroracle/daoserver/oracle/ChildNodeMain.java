package org.neuroracle.daoserver.oracle;

import org.web3j.crypto.Credentials;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** An oracle node (TALLY answerer) in its own JVM, for the kill -9 tests: args rpc, contract, database, private key. */
public final class ChildNodeMain {
    public static void main(String[] args) throws Exception {
        OracleNodeConfig cfg = new OracleNodeConfig(args[0], args[1], 0, 50, 0, 2000, Path.of(args[2]));
        try (OracleNode n = new OracleNode(cfg, Credentials.create(args[3]), OracleTestBase.TALLY)) {
            System.out.println("neuroracle-ready");
            System.out.flush();
            n.run(new AtomicBoolean());
        }
    }
}
