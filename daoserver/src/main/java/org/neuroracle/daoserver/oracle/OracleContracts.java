package org.neuroracle.daoserver.oracle;

import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.util.List;

/** Deployment and the few calls an operator or a DAO makes (the CLI and tests use them). */
public final class OracleContracts {
    private OracleContracts() {}

    /** Deploys NeuroOracle with {@code admin} = the sender, the given node signers and threshold k. */
    public static String deployOracle(TxSender admin, List<String> nodes, int threshold) throws IOException {
        if (threshold < 1 || threshold > 255) throw new IllegalArgumentException("threshold: must be 1..255, got " + threshold);
        if (nodes.isEmpty()) throw new IllegalArgumentException("nodes: at least one node address is needed");
        if (threshold > nodes.size()) {
            throw new IllegalArgumentException("threshold: " + threshold + " exceeds the " + nodes.size() + " node(s); no request could finalise");
        }
        return admin.deploy(ContractArtifacts.bytecode(ContractArtifacts.NEURO_ORACLE),
                NeuroOracleAbi.constructorArgs(admin.address(), nodes, threshold));
    }

    public static String deployConsumer(TxSender deployer, String oracle) throws IOException {
        return deployer.deploy(ContractArtifacts.bytecode(ContractArtifacts.DAO_FORECAST_CONSUMER),
                NeuroOracleAbi.consumerConstructorArgs(oracle));
    }

    /** DaoForecastConsumer.ask; returns the request id from the oracle's ForecastRequested log. */
    public static byte[] ask(TxSender requester, String consumer, byte[] modelId, byte[] input, long ttlSeconds) throws IOException {
        TransactionReceipt rc = requester.sendAndWait(consumer, NeuroOracleAbi.consumerAsk(modelId, input, ttlSeconds), 600, 50);
        if (!rc.isStatusOK()) throw new OracleException("ask transaction " + rc.getTransactionHash() + " reverted");
        for (Log l : rc.getLogs()) {
            if (!l.getTopics().isEmpty() && NeuroOracleAbi.FORECAST_REQUESTED_TOPIC.equals(l.getTopics().get(0))) {
                return Numeric.hexStringToByteArray(l.getTopics().get(1));
            }
        }
        throw new OracleException("ask transaction " + rc.getTransactionHash() + " emitted no ForecastRequested");
    }

    /** The answer the consumer stored for a request (empty until finalised). */
    public static byte[] answer(TxSender reader, String consumer, byte[] requestId) throws IOException {
        return NeuroOracleAbi.decodeBytesReturn(reader.read(consumer, NeuroOracleAbi.consumerAnswer(requestId)));
    }

    public static long answerCount(TxSender reader, String consumer) throws IOException {
        return NeuroOracleAbi.decodeUint(reader.read(consumer, NeuroOracleAbi.consumerAnswerCount())).longValueExact();
    }
}
