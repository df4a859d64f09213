package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.Assumptions;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real anvil (the pinned npm build in daoserver/chain/node_modules) on a free loopback port, for one test class.
 * Tests skip, saying why, when anvil or the compiled contracts are missing.
 */
final class Anvil implements AutoCloseable {
    static final Path BINARY = Path.of("chain", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    final String url;
    final Web3j web3j;
    private final HttpService service;
    private final Process process;
    private final Path logFile;

    static void assumeAvailable() {
        Assumptions.assumeTrue(Files.isExecutable(BINARY), "anvil is not installed at daoserver/" + BINARY
                + ": run `npm ci` in daoserver/chain (scripts/install-test-deps.sh does it)");
        Assumptions.assumeTrue(ContractArtifacts.available(), "compiled contracts missing from the classpath: run `npm ci` in"
                + " daoserver/chain and rebuild daoserver");
    }

    Anvil() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        logFile = Files.createTempFile("anvil", ".log");
        process = new ProcessBuilder(BINARY.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port), "--silent")
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        url = "http://127.0.0.1:" + port;
        service = new HttpService(url);
        web3j = Web3j.build(service);
        for (int i = 0; ; i++) {
            try {
                web3j.ethChainId().send();
                return;
            } catch (IOException e) {
                if (!process.isAlive() || i > 300) {
                    close();
                    throw new IOException("anvil did not start: " + Files.readString(logFile), e);
                }
                Thread.sleep(50);
            }
        }
    }

    static final class Raw extends Response<Object> {}

    Object rpc(String method, Object... params) throws IOException {
        Raw r = new Request<>(method, List.of(params), service, Raw.class).send();
        if (r.hasError()) throw new IOException(method + ": " + r.getError().getMessage());
        return r.getResult();
    }

    /** A new key with 100 ETH. */
    Credentials fundedAccount() throws Exception {
        Credentials c = Credentials.create(Keys.createEcKeyPair());
        rpc("anvil_setBalance", c.getAddress(), "0x56bc75e2d63100000");
        return c;
    }

    void mine(int blocks) throws IOException { rpc("anvil_mine", "0x" + Integer.toHexString(blocks)); }

    String snapshot() throws IOException { return (String) rpc("evm_snapshot"); }

    void revert(String snapshot) throws IOException {
        if (!Boolean.TRUE.equals(rpc("evm_revert", snapshot))) throw new IOException("evm_revert " + snapshot + " failed");
    }

    void increaseTime(long seconds) throws IOException {
        rpc("evm_increaseTime", seconds);
        mine(1);
    }

    long head() throws IOException { return web3j.ethBlockNumber().send().getBlockNumber().longValueExact(); }

    @Override public void close() {
        web3j.shutdown();
        process.destroy();
        try {
            process.waitFor();
            Files.deleteIfExists(logFile);
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }
}
