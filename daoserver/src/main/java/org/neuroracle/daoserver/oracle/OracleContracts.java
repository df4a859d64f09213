package org.neuroracle.daoserver.oracle;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint48;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/** Deployment and the few calls an operator or a DAO makes (the CLI and tests use them). */
public final class OracleContracts {
    private OracleContracts() {}

    private static void checkNodes(List<String> nodes, int threshold) {
        if (nodes.isEmpty()) throw new IllegalArgumentException("nodes: at least one node address is needed");
        if (threshold < 1 || threshold > nodes.size() || 2 * threshold <= nodes.size()) {
            throw new IllegalArgumentException("threshold: must be a majority of the " + nodes.size() + " node(s) (k > n/2, k <= n), got " + threshold);
        }
    }

    /** Deploys NeuroOracle with {@code admin} as its admin (tests; deployments use {@link #deployGoverned}). */
    public static String deployOracle(TxSender deployer, String admin, List<String> nodes, int threshold) throws IOException {
        checkNodes(nodes, threshold);
        return deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.NEURO_ORACLE), NeuroOracleAbi.constructorArgs(admin, nodes, threshold));
    }

    public static String deployOracle(TxSender admin, List<String> nodes, int threshold) throws IOException {
        return deployOracle(admin, admin.address(), nodes, threshold);
    }

    /** A TimelockController and the oracle it governs. */
    public record Governed(String timelock, String oracle, long minDelaySeconds) {}

    /**
     * Deploys a TimelockController (proposer and executor: {@code proposer}; no admin, so only the timelock itself can
     * change its roles) and a NeuroOracle whose admin role is that timelock: node set and threshold change only through
     * a scheduled, delayed timelock operation.
     */
    public static Governed deployGoverned(TxSender deployer, String proposer, List<String> nodes, int threshold, long minDelaySeconds)
            throws IOException {
        checkNodes(nodes, threshold);
        String timelock = deployTimelock(deployer, proposer, minDelaySeconds);
        return new Governed(timelock, deployOracle(deployer, timelock, nodes, threshold), minDelaySeconds);
    }

    public static String deployTimelock(TxSender deployer, String proposer, long minDelaySeconds) throws IOException {
        return deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.TIMELOCK), FunctionEncoder.encodeConstructor(List.of(
                new Uint256(minDelaySeconds), new DynamicArray<>(Address.class, new Address(proposer)),
                new DynamicArray<>(Address.class, new Address(proposer)), new Address("0x0000000000000000000000000000000000000000"))));
    }

    /** Schedules {@code target.call(data)} on the timelock (no predecessor, zero salt), executable after {@code delaySeconds}. */
    public static TransactionReceipt schedule(TxSender proposer, String timelock, String target, String data, long delaySeconds) throws IOException {
        return mustSucceed(proposer.sendAndWait(timelock, NeuroOracleAbi.call("schedule(address,uint256,bytes,bytes32,bytes32,uint256)",
                new Address(target), new Uint256(0), new DynamicBytes(Numeric.hexStringToByteArray(data)), new Bytes32(new byte[32]),
                new Bytes32(new byte[32]), new Uint256(delaySeconds)), 600, 50), "schedule");
    }

    public static TransactionReceipt execute(TxSender executor, String timelock, String target, String data) throws IOException {
        return mustSucceed(executor.sendAndWait(timelock, NeuroOracleAbi.call("execute(address,uint256,bytes,bytes32,bytes32)",
                new Address(target), new Uint256(0), new DynamicBytes(Numeric.hexStringToByteArray(data)), new Bytes32(new byte[32]),
                new Bytes32(new byte[32])), 600, 50), "execute");
    }

    public static String grantNodeData(String node) {
        return NeuroOracleAbi.call("grantRole(bytes32,address)", new Bytes32(NODE_ROLE), new Address(node));
    }

    public static String revokeNodeData(String node) {
        return NeuroOracleAbi.call("revokeRole(bytes32,address)", new Bytes32(NODE_ROLE), new Address(node));
    }

    public static String setThresholdData(int k) { return NeuroOracleAbi.call("setThreshold(uint8)", new Uint8(k)); }

    public static final byte[] NODE_ROLE = org.web3j.crypto.Hash.sha3("NEURORACLE_NODE".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    public static String deployConsumer(TxSender deployer, String oracle) throws IOException {
        return deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.DAO_FORECAST_CONSUMER),
                NeuroOracleAbi.consumerConstructorArgs(oracle));
    }

    public static String deployProposalConsumer(TxSender deployer, String oracle, String governor, byte[] modelId) throws IOException {
        return deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.PROPOSAL_FORECAST_CONSUMER),
                FunctionEncoder.encodeConstructor(List.of(new Address(oracle), new Address(governor), new Bytes32(modelId))));
    }

    public static String deployTreasuryGuard(TxSender deployer, String oracle, String treasury, String token, byte[] modelId,
                                             long minRunwayDays, long maxAgeBlocks) throws IOException {
        return deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.TREASURY_GUARD), FunctionEncoder.encodeConstructor(List.of(
                new Address(oracle), new Address(treasury), new Address(token), new Bytes32(modelId), new Uint32(minRunwayDays),
                new org.web3j.abi.datatypes.generated.Uint64(maxAgeBlocks))));
    }

    /** TreasuryGuard.ask(gasPriceWei) paying {@code feeWei}. */
    public static Asked askTreasury(TxSender requester, String guard, BigInteger gasPriceWei, BigInteger feeWei) throws IOException {
        return requestIdOf(requester.sendAndWait(guard, NeuroOracleAbi.call("ask(uint256)", new Uint256(gasPriceWei)), feeWei, 600, 50));
    }

    /** NeuroOracle.minFee(callbackGas, gasPrice): the least a request with them must escrow. */
    public static BigInteger minFee(TxSender reader, String oracle, long callbackGasLimit, BigInteger gasPriceWei) throws IOException {
        return NeuroOracleAbi.decodeUint(reader.read(oracle, NeuroOracleAbi.minFee(callbackGasLimit, gasPriceWei)));
    }

    /** A gas price to state in a request: twice the current base fee (at least 1 wei), as the node's own sends use. */
    public static BigInteger statedGasPrice(TxSender s) throws IOException {
        return s.baseFee().shiftLeft(1).max(BigInteger.ONE);
    }

    /** A sent request: its id and the hash of the transaction that made it. */
    public record Asked(byte[] requestId, String txHash, long block) {}

    /** DaoForecastConsumer.ask with the minimum fee; returns the request id from the oracle's ForecastRequested log. */
    public static byte[] ask(TxSender requester, String consumer, byte[] modelId, byte[] input, long ttlSeconds) throws IOException {
        String oracle = consumerOracle(requester, consumer);
        BigInteger price = statedGasPrice(requester);
        BigInteger fee = minFee(requester, oracle, 500_000, price);
        return requestIdOf(requester.sendAndWait(consumer, NeuroOracleAbi.consumerAsk(modelId, input, ttlSeconds, price), fee, 600, 50)).requestId();
    }

    /** ProposalForecastConsumer.ask(proposalId) paying {@code feeWei} at the stated gas price. */
    public static Asked askProposal(TxSender requester, String consumer, BigInteger proposalId, BigInteger gasPriceWei, BigInteger feeWei)
            throws IOException {
        return requestIdOf(requester.sendAndWait(consumer, NeuroOracleAbi.proposalAsk(proposalId, gasPriceWei), feeWei, 600, 50));
    }

    static Asked requestIdOf(TransactionReceipt rc) {
        if (!rc.isStatusOK()) throw new OracleException("request transaction " + rc.getTransactionHash() + " reverted");
        for (Log l : rc.getLogs()) {
            if (!l.getTopics().isEmpty() && NeuroOracleAbi.FORECAST_REQUESTED_TOPIC.equals(l.getTopics().get(0))) {
                return new Asked(Numeric.hexStringToByteArray(l.getTopics().get(1)), rc.getTransactionHash(), rc.getBlockNumber().longValueExact());
            }
        }
        throw new OracleException("request transaction " + rc.getTransactionHash() + " emitted no ForecastRequested");
    }

    static String consumerOracle(TxSender reader, String consumer) throws IOException {
        return NeuroOracleAbi.topicAddress(reader.read(consumer, NeuroOracleAbi.call("oracle()")));
    }

    /** The answer the consumer stored for a request (empty until finalised). */
    public static byte[] answer(TxSender reader, String consumer, byte[] requestId) throws IOException {
        return NeuroOracleAbi.decodeBytesReturn(reader.read(consumer, NeuroOracleAbi.consumerAnswer(requestId)));
    }

    public static long answerCount(TxSender reader, String consumer) throws IOException {
        return NeuroOracleAbi.decodeUint(reader.read(consumer, NeuroOracleAbi.consumerAnswerCount())).longValueExact();
    }

    /** ProposalForecastConsumer.forecastOf(proposalId): pPassPpm, lowerPpm, upperPpm, asOfBlock. */
    public static long[] forecastOf(TxSender reader, String consumer, BigInteger proposalId) throws IOException {
        String hex = Numeric.cleanHexPrefix(reader.read(consumer, NeuroOracleAbi.forecastOf(proposalId)));
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) out[i] = new BigInteger(hex.substring(64 * i, 64 * (i + 1)), 16).longValueExact();
        return out;
    }

    public static BigInteger owed(TxSender reader, String oracle, String account) throws IOException {
        return NeuroOracleAbi.decodeUint(reader.read(oracle, NeuroOracleAbi.owed(account)));
    }

    static TransactionReceipt mustSucceed(TransactionReceipt rc, String what) {
        if (!rc.isStatusOK()) throw new OracleException(what + " transaction " + rc.getTransactionHash() + " reverted");
        return rc;
    }

    // ---- the example DAO (DemoDao.sol): ERC20Votes token, TimelockController, OpenZeppelin Governor

    public record Dao(String token, String timelock, String governor) {}

    /**
     * Deploys the token (whole supply to the deployer), a timelock and the Governor, and hands the timelock's
     * proposer role to the Governor (executor: anyone).
     */
    public static Dao deployDao(TxSender deployer, BigInteger supplyWei, long votingDelayBlocks, long votingPeriodBlocks, int quorumPercent)
            throws IOException {
        String token = deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.VOTES_TOKEN),
                FunctionEncoder.encodeConstructor(List.of(new Uint256(supplyWei))));
        String zero = "0x0000000000000000000000000000000000000000";
        // The deployer is the timelock's admin only until the Governor holds the proposer role.
        String timelock = deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.TIMELOCK), FunctionEncoder.encodeConstructor(List.of(
                new Uint256(1), new DynamicArray<>(Address.class), new DynamicArray<>(Address.class, new Address(zero)),
                new Address(deployer.address()))));
        String governor = deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.GOVERNOR), FunctionEncoder.encodeConstructor(List.of(
                new Address(token), new Address(timelock), new Uint48(votingDelayBlocks), new Uint32(votingPeriodBlocks),
                new Uint256(quorumPercent))));
        byte[] proposerRole = org.web3j.crypto.Hash.sha3("PROPOSER_ROLE".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        mustSucceed(deployer.sendAndWait(timelock, NeuroOracleAbi.call("grantRole(bytes32,address)", new Bytes32(proposerRole),
                new Address(governor)), 600, 50), "grant proposer");
        mustSucceed(deployer.sendAndWait(timelock, NeuroOracleAbi.call("renounceRole(bytes32,address)", new Bytes32(new byte[32]),
                new Address(deployer.address())), 600, 50), "renounce timelock admin");
        return new Dao(token, timelock, governor);
    }

    public static void transferTokens(TxSender from, String token, String to, BigInteger amountWei) throws IOException {
        mustSucceed(from.sendAndWait(token, NeuroOracleAbi.call("transfer(address,uint256)", new Address(to), new Uint256(amountWei)), 600, 50), "transfer");
    }

    public static void delegateToSelf(TxSender holder, String token) throws IOException {
        mustSucceed(holder.sendAndWait(token, NeuroOracleAbi.call("delegate(address)", new Address(holder.address())), 600, 50), "delegate");
    }

    /** Governor.propose with one call; returns the proposal id (from ProposalCreated). */
    public static BigInteger propose(TxSender proposer, String governor, String target, BigInteger valueWei, byte[] calldata, String description)
            throws IOException {
        @SuppressWarnings("rawtypes")
        List<Type> args = List.of(new DynamicArray<>(Address.class, new Address(target)), new DynamicArray<>(Uint256.class, new Uint256(valueWei)),
                new DynamicArray<>(DynamicBytes.class, new DynamicBytes(calldata)), new org.web3j.abi.datatypes.Utf8String(description));
        TransactionReceipt rc = mustSucceed(proposer.sendAndWait(governor,
                NeuroOracleAbi.selector("propose(address[],uint256[],bytes[],string)") + FunctionEncoder.encodeConstructor(args), 600, 50), "propose");
        for (Log l : rc.getLogs()) {
            if (l.getAddress().equalsIgnoreCase(governor)) {
                return new BigInteger(Numeric.cleanHexPrefix(l.getData()).substring(0, 64), 16);
            }
        }
        throw new OracleException("propose transaction " + rc.getTransactionHash() + " emitted no ProposalCreated");
    }

    /** Governor.castVote(proposalId, support): 0 against, 1 for, 2 abstain. */
    public static void castVote(TxSender voter, String governor, BigInteger proposalId, int support) throws IOException {
        mustSucceed(voter.sendAndWait(governor, NeuroOracleAbi.call("castVote(uint256,uint8)", new Uint256(proposalId), new Uint8(support)),
                600, 50), "castVote");
    }
}
