package org.neuroracle.daoserver.oracle;

import org.junit.jupiter.api.Test;
import org.neuroracle.daoserver.answer.TypedAttestation;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NeuroOracle's rules on a real anvil: EIP-712 domain binding, fees and refunds, node-set governance. */
class OracleContractTest extends OracleTestBase {

    // ---- attestations

    @Test void contractDigestEqualsTheJavaEip712Digest() throws Exception {
        Deployment d = deploy(1);
        byte[] id = ask(d, votes("for,1"), 3600);
        ForecastRequest r = requestLog(d, id);
        byte[] output = tally(MODEL_ID, r.subject());
        String onChain = sender(outsider).read(d.oracle(), NeuroOracleAbi.attestationDigest(id, MODEL_ID, r.inputHash(),
                org.web3j.crypto.Hash.sha3(output)));
        assertEquals(NeuroOracleAbi.hex(digest(d, r, output)), onChain);
    }

    @Test void rejectsASignatureFromAnotherChainContractOrRequestOrTheHttpDomain() throws Exception {
        Deployment d = deploy(1);
        byte[] input = votes("for,3\nagainst,1");
        byte[] id = ask(d, input, 3600);
        byte[] other = ask(d, votes("for,1\nagainst,3"), 3600);
        ForecastRequest r = requestLog(d, id);
        byte[] output = tally(MODEL_ID, input);
        TypedAttestation.Domain here = TypedAttestation.onChain(chainId(), d.oracle());
        Map<String, String> forged = Map.of(
                "another chain", fulfilData(TypedAttestation.onChain(chainId() + 1, d.oracle()), r, id, output, node1),
                "another contract", fulfilData(TypedAttestation.onChain(chainId(), d.consumer()), r, id, output, node1),
                "another request", fulfilData(here, r, other, output, node1),
                "the HTTP domain", fulfilData(TypedAttestation.HTTP, r, r.inputHash(), output, node1));
        for (var e : forged.entrySet()) {
            TxSender.CallResult sim = sender(node1).simulate(d.oracle(), e.getValue());
            assertTrue(sim.reverted(), e.getKey());
            // The digest differs, so ECDSA recovers some other address, which holds no NODE_ROLE.
            assertEquals("UnauthorisedSigner", sim.revertName(), e.getKey() + ": " + sim.describe());
        }
        assertFalse(sendUnchecked(node1, d.oracle(), forged.get("the HTTP domain")).isStatusOK());
        assertTrue(sender(node1).simulate(d.oracle(), fulfilData(here, r, id, output, node1)).reverted() == false,
                "the same signer under the deployment's domain is accepted");
    }

    @Test void explicitRequestRejectsAnotherInputHash() throws Exception {
        Deployment d = deploy(1);
        byte[] id = ask(d, votes("for,1"), 3600);
        ForecastRequest r = requestLog(d, id);
        byte[] wrongHash = OracleNode.sha256(votes("for,2"));
        var a = TypedAttestation.of(TypedAttestation.onChain(chainId(), d.oracle()), id, MODEL_ID, wrongHash, new byte[]{1});
        String data = NeuroOracleAbi.fulfil(r, wrongHash, new byte[]{1}, a.sign(org.neuroracle.daoserver.answer.HashSigner.web3j(node1.getEcKeyPair())));
        assertEquals("InputHashMismatch", sender(node1).simulate(d.oracle(), data).revertName());
    }

    // ---- fees

    @Test void requestWithoutEnoughFeeIsRefused() throws Exception {
        Deployment d = deploy(1);
        TxSender s = sender(requester);
        BigInteger price = OracleContracts.statedGasPrice(s);
        BigInteger fee = OracleContracts.minFee(s, d.oracle(), DAO_CALLBACK_GAS, price);
        assertEquals(BigInteger.valueOf(DAO_CALLBACK_GAS + 200_000L).multiply(price), fee, "callback gas + k x 200k per node, at the stated price");
        String data = NeuroOracleAbi.consumerAsk(MODEL_ID, votes("for,1"), 3600, price);
        assertEquals("FeeTooLow", s.simulate(d.consumer(), data, fee.subtract(BigInteger.ONE)).revertName());
        assertEquals("GasPriceBelowBaseFee", s.simulate(d.consumer(), NeuroOracleAbi.consumerAsk(MODEL_ID, votes("for,1"), 3600,
                BigInteger.ZERO), fee).revertName());
        assertFalse(s.simulate(d.consumer(), data, fee).reverted());
    }

    static final long DAO_CALLBACK_GAS = 500_000;

    @Test void agreeingNodesArePaidWhenTheRequestFinalisesAndTheDisagreeingOneIsNot() throws Exception {
        Deployment d = deploy(2);
        byte[] input = votes("for,2\nagainst,1");
        byte[] id = ask(d, input, 3600);
        ForecastRequest r = requestLog(d, id);
        byte[] good = tally(MODEL_ID, input);
        byte[] bad = good.clone();
        bad[3] ^= 1;
        assertTrue(sendUnchecked(node3, d.oracle(), fulfilData(d, r, bad, node3)).isStatusOK());
        assertTrue(sendUnchecked(node1, d.oracle(), fulfilData(d, r, good, node1)).isStatusOK());
        assertEquals(BigInteger.ZERO, OracleContracts.owed(sender(outsider), d.oracle(), node1.getAddress()), "nothing before finalisation");
        assertTrue(sendUnchecked(node2, d.oracle(), fulfilData(d, r, good, node2)).isStatusOK());
        BigInteger half = r.feeWei().divide(BigInteger.TWO);
        assertEquals(r.feeWei().subtract(half), OracleContracts.owed(sender(outsider), d.oracle(), node1.getAddress()));
        assertEquals(half, OracleContracts.owed(sender(outsider), d.oracle(), node2.getAddress()));
        assertEquals(BigInteger.ZERO, OracleContracts.owed(sender(outsider), d.oracle(), node3.getAddress()));

        BigInteger before = balance(node2);
        var rc = sender(node2).sendAndWait(d.oracle(), NeuroOracleAbi.withdraw(), 600, 20);
        assertTrue(rc.isStatusOK());
        BigInteger gasCost = rc.getGasUsed().multiply(new BigInteger(rc.getEffectiveGasPrice().substring(2), 16));
        assertEquals(before.add(half).subtract(gasCost), balance(node2), "the node withdrew its share");
        assertEquals("NothingOwed", sender(node2).simulate(d.oracle(), NeuroOracleAbi.withdraw()).revertName());
    }

    @Test void requesterCancelsAfterExpiryAndGetsTheFeeBack() throws Exception {
        Deployment d = deploy(1);
        byte[] id = ask(d, votes("for,1"), 60);
        ForecastRequest r = requestLog(d, id);
        String cancel = NeuroOracleAbi.selector("cancel(" + NeuroOracleAbi.REQUEST_TUPLE + ")")
                + org.web3j.abi.FunctionEncoder.encodeConstructor(NeuroOracleAbi.requestTuple(r));
        assertEquals("NotExpired", sender(requester).simulate(d.consumer(), cancel).revertName());
        assertEquals("NotRequester", sender(outsider).simulate(d.oracle(), NeuroOracleAbi.cancel(r)).revertName(),
                "only the requester (the consumer contract) may cancel");
        anvil.increaseTime(120);
        anvil.mine(1);
        BigInteger before = balance(d.consumer());
        assertTrue(sender(requester).sendAndWait(d.consumer(), cancel, 600, 20).isStatusOK());
        assertEquals(before.add(r.feeWei()), balance(d.consumer()), "the consumer got its escrow back");
        assertEquals("UnknownRequest", sender(node1).simulate(d.oracle(), fulfilData(d, r, new byte[]{1}, node1)).revertName());
    }

    static BigInteger balance(Credentials c) throws Exception { return balance(c.getAddress()); }

    static BigInteger balance(String a) throws Exception {
        return anvil.web3j.ethGetBalance(a, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    // ---- node set governance

    @Test void nodeSetChangesOnlyThroughTheTimelock() throws Exception {
        TxSender a = sender(admin);
        OracleContracts.Governed g = OracleContracts.deployGoverned(a, admin.getAddress(),
                List.of(node1.getAddress(), node2.getAddress(), node3.getAddress()), 2, 60);
        String grant = OracleContracts.grantNodeData(outsider.getAddress());
        assertEquals("AccessControlUnauthorizedAccount", a.simulate(g.oracle(), grant).revertName(), "the deployer is not the admin");
        // k = 2 of 4 would not be a majority: raise k first, in one batch-free sequence of timelock operations.
        String k3 = OracleContracts.setThresholdData(3);
        OracleContracts.schedule(a, g.timelock(), g.oracle(), k3, 60);
        assertTrue(a.simulate(g.timelock(), NeuroOracleAbi.call("execute(address,uint256,bytes,bytes32,bytes32)",
                new org.web3j.abi.datatypes.Address(g.oracle()), new org.web3j.abi.datatypes.generated.Uint256(0),
                new org.web3j.abi.datatypes.DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(k3)), new Bytes32(new byte[32]),
                new Bytes32(new byte[32]))).reverted(), "not before the delay");
        anvil.increaseTime(61);
        anvil.mine(1);
        OracleContracts.execute(a, g.timelock(), g.oracle(), k3);
        OracleContracts.schedule(a, g.timelock(), g.oracle(), grant, 60);
        anvil.increaseTime(61);
        anvil.mine(1);
        OracleContracts.execute(a, g.timelock(), g.oracle(), grant);
        assertEquals(3, NeuroOracleAbi.decodeUint(a.read(g.oracle(), NeuroOracleAbi.threshold())).intValue());
        assertEquals(4, NeuroOracleAbi.decodeUint(a.read(g.oracle(), NeuroOracleAbi.call("nodeCount()"))).intValue());
    }

    @Test void thresholdMustBeAMajority() throws Exception {
        TxSender a = sender(admin);
        assertThrows(IllegalArgumentException.class, () -> OracleContracts.deployOracle(a, List.of(node1.getAddress(), node2.getAddress()), 1));
        // The contract enforces it too, whatever the tooling does.
        String args = NeuroOracleAbi.constructorArgs(admin.getAddress(), List.of(node1.getAddress(), node2.getAddress(), node3.getAddress(),
                outsider.getAddress()), 2);
        assertThrows(OracleException.class, () -> a.deploy(ContractArtifacts.bytecode(ContractArtifacts.NEURO_ORACLE), args));
        Deployment d = deploy(2);
        assertEquals("InvalidThreshold", a.simulate(d.oracle(), OracleContracts.setThresholdData(1)).revertName(), "1 of 3");
        assertEquals("InvalidThreshold", a.simulate(d.oracle(), OracleContracts.grantNodeData(outsider.getAddress())).revertName(),
                "a 4th node would make k = 2 a minority");
    }

    @Test void revokedSignersVoteNoLongerCounts() throws Exception {
        Deployment d = deploy(2);
        byte[] input = votes("for,5\nagainst,5");
        byte[] id = ask(d, input, 3600);
        ForecastRequest r = requestLog(d, id);
        byte[] out = tally(MODEL_ID, input);
        assertTrue(sendUnchecked(node1, d.oracle(), fulfilData(d, r, out, node1)).isStatusOK());
        assertTrue(sender(admin).sendAndWait(d.oracle(), OracleContracts.revokeNodeData(node1.getAddress()), 600, 20).isStatusOK());
        assertTrue(sendUnchecked(node2, d.oracle(), fulfilData(d, r, out, node2)).isStatusOK());
        assertEquals(0, answerCount(d), "node 1's vote was revoked with its role: one live vote of k = 2");
        assertTrue(sendUnchecked(node3, d.oracle(), fulfilData(d, r, out, node3)).isStatusOK());
        assertEquals(1, answerCount(d));
        assertArrayEquals(out, answer(d, id));
        assertEquals(BigInteger.ZERO, OracleContracts.owed(sender(outsider), d.oracle(), node1.getAddress()), "and it is not paid");
    }
}
