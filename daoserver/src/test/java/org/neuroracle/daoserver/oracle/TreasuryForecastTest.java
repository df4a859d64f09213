package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neuroracle.daoserver.ForecastServiceEngine;
import org.neuroracle.daoserver.answer.AnswerCodec;
import org.neuroracle.daoserver.answer.ForecastPipeline;
import org.neuroracle.daoserver.oracle.OracleStore.LogStatus;
import org.neuroracle.forecast.service.ForecastService;
import org.neuroracle.forecast.service.TreasuryQuery;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A treasury forecast asked by (treasury, tokens): nodes build the daily series from the token's Transfer logs and
 * balance, the guard records the runway, and refuses a withdrawal that would leave too little of it.
 */
class TreasuryForecastTest extends OracleTestBase {
    static final BigInteger TOKEN = BigInteger.TEN.pow(18);

    @BeforeAll static void models() {
        try {
            ForecastServiceEngine.bundled();
        } catch (IllegalStateException e) {
            Assumptions.abort("no bundled forecast models on this branch: " + e.getMessage());
        }
    }

    @Test void runwayIsForecastFromTransferLogsAndGuardsWithdrawals() throws Exception {
        TxSender deployer = sender(admin);
        String token = deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.VOTES_TOKEN),
                org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(new Uint256(TOKEN.multiply(BigInteger.valueOf(10_000_000))))));
        Credentials treasury = anvil.fundedAccount();
        Credentials payee = anvil.fundedAccount();
        OracleContracts.transferTokens(deployer, token, treasury.getAddress(), TOKEN.multiply(BigInteger.valueOf(100_000)));
        // Forty days: 1,000 tokens in and 3,000 out each day.
        for (int day = 0; day < 40; day++) {
            anvil.increaseTime(86_400);
            OracleContracts.transferTokens(deployer, token, treasury.getAddress(), TOKEN.multiply(BigInteger.valueOf(1_000)));
            OracleContracts.transferTokens(sender(treasury), token, payee.getAddress(), TOKEN.multiply(BigInteger.valueOf(3_000)));
        }
        String model = ForecastServiceEngine.bundled().models().stream().map(m -> (JsonObject) m)
                .filter(m -> m.getString("kind").equals("treasury")).findFirst().orElseThrow().getString("modelId");
        Deployment d = deploy(2);
        String guard = OracleContracts.deployTreasuryGuard(deployer, d.oracle(), treasury.getAddress(), token, HexFormat.of().parseHex(model), 5, 1000);
        assertEquals("StaleForecast", deployer.simulate(guard, NeuroOracleAbi.call("checkWithdrawal(uint256)", new Uint256(1))).revertName(),
                "no forecast yet: every withdrawal is refused");
        BigInteger price = OracleContracts.statedGasPrice(deployer);
        OracleContracts.Asked asked = OracleContracts.askTreasury(deployer, guard, price, OracleContracts.minFee(deployer, d.oracle(), 300_000, price));
        ForecastRequest r = requestLog(d, asked.requestId());
        assertEquals(ForecastRequest.KIND_TREASURY, r.kind());

        long chainId = chainId();
        try (OracleNode n1 = node(d, node1, ForecastAnswerer.bundled(chainId), "n1.db", 0);
             OracleNode n2 = node(d, node2, ForecastAnswerer.bundled(chainId), "n2.db", 0)) {
            settle(n1);
            settle(n2);
            Map<LogStatus, Integer> all = new EnumMap<>(LogStatus.class);
            for (OracleNode n : List.of(n1, n2)) n.store().logStatusCounts().forEach((k, v) -> all.merge(k, v, Integer::sum));
            assertEquals(Map.of(LogStatus.FULFILLED, 2), all, n1.store().recent(3).toString());
            // The gas table in ORACLE.md comes from these receipts.
            StringBuilder gas = new StringBuilder("treasury gas: request " + deployer.receipt(asked.txHash()).orElseThrow().getGasUsed());
            for (OracleNode n : List.of(n1, n2)) {
                var rc = deployer.receipt(n.store().fulfilment(NeuroOracleAbi.hex(asked.requestId())).orElseThrow().txHash()).orElseThrow();
                gas.append(", fulfil ").append(rc.getGasUsed());
            }
            System.out.println(gas);
        }
        // What the nodes read, read again the same way, forecast directly: the runway the guard stored.
        TreasuryQuery q = TreasuryReader.read(new ChainReader(anvil.web3j, r.asOfBlock()), chainId, treasury.getAddress(), List.of(token), 3660, 0);
        assertTrue(q.series().size() >= 40, "one row per day: " + q.series().size());
        TreasuryQuery.Day lastDay = q.series().getLast();
        assertEquals("20000", lastDay.balance(), "100,000 + 40 x (1,000 - 3,000)");
        ForecastPipeline.TreasuryResult expected = new ForecastPipeline(ForecastService.bundled()).treasury(model, q, r.asOfBlock());
        long runway = NeuroOracleAbi.decodeUint(deployer.read(guard, NeuroOracleAbi.call("runwayDays()"))).longValueExact();
        assertEquals(expected.answer().runwayDays(), runway);
        assertEquals(r.asOfBlock(), NeuroOracleAbi.decodeUint(deployer.read(guard, NeuroOracleAbi.call("asOfBlock()"))).longValueExact());
        assertTrue(runway != AnswerCodec.NO_RUNWAY && runway > 5, "a net burn of ~2,000/day on 20,000 leaves days: " + runway);
        System.out.println("treasury runway on chain: " + runway + " days, " + q.series().size() + " days of series");

        assertFalse(deployer.simulate(guard, NeuroOracleAbi.call("checkWithdrawal(uint256)", new Uint256(TOKEN))).reverted(),
                "a small withdrawal keeps the runway");
        assertEquals("RunwayTooShort", deployer.simulate(guard, NeuroOracleAbi.call("checkWithdrawal(uint256)",
                new Uint256(TOKEN.multiply(BigInteger.valueOf(19_000))))).revertName(), "taking almost everything does not");
    }
}
