package org.neuroracle.daoserver.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The compiled contracts the Maven build put on the classpath (chain/compile.js writes {@code chain/<Name>.bin} and
 * {@code .abi} into target/classes). They are absent when the build ran without {@code npm ci} in daoserver/chain.
 */
public final class ContractArtifacts {
    private ContractArtifacts() {}

    public static final String NEURO_ORACLE = "NeuroOracle";
    public static final String DAO_FORECAST_CONSUMER = "DaoForecastConsumer";
    public static final String PROPOSAL_FORECAST_CONSUMER = "ProposalForecastConsumer";
    public static final String ANSWER_DECODER = "AnswerDecoder";
    public static final String TREASURY_GUARD = "TreasuryGuard";
    public static final String TIMELOCK = "DemoTimelock";
    public static final String VOTES_TOKEN = "DemoVotesToken";
    public static final String GOVERNOR = "DemoGovernor";

    /** Creation bytecode, hex with 0x. */
    public static String bytecode(String contract) {
        return "0x" + read(contract + ".bin").strip();
    }

    public static String abiJson(String contract) { return read(contract + ".abi"); }

    public static boolean available() {
        return ContractArtifacts.class.getResource("/chain/" + NEURO_ORACLE + ".bin") != null;
    }

    private static String read(String name) {
        try (InputStream in = ContractArtifacts.class.getResourceAsStream("/chain/" + name)) {
            if (in == null) {
                throw new OracleException("compiled contract chain/" + name + " is not on the classpath: run `npm ci` in "
                        + "daoserver/chain, then rebuild daoserver (the build compiles the Solidity with solc-js)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OracleException("cannot read chain/" + name + ": " + e.getMessage(), e);
        }
    }
}
