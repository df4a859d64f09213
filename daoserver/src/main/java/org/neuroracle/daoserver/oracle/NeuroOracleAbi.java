package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.Attestation;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The ABI of {@code NeuroOracle.sol} and {@code DaoForecastConsumer.sol}, written once against web3j's generic
 * encoder (no generated wrappers): calldata for each function, the {@code ForecastRequested} decoder, the
 * attestation and its signature, and names for the contract's custom errors.
 */
public final class NeuroOracleAbi {
    private NeuroOracleAbi() {}

    @SuppressWarnings("rawtypes")
    public static final Event FORECAST_REQUESTED = new Event("ForecastRequested", List.of(
            new TypeReference<Bytes32>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Bytes32>(true) {},
            new TypeReference<Bytes32>() {}, new TypeReference<Address>() {}, new TypeReference<Uint32>() {},
            new TypeReference<Uint64>() {}, new TypeReference<DynamicBytes>() {}));
    public static final Event FORECAST_RESPONDED = new Event("ForecastResponded", List.of(
            new TypeReference<Bytes32>(true) {}, new TypeReference<Address>(true) {},
            new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}));
    public static final Event FORECAST_FULFILLED = new Event("ForecastFulfilled", List.of(
            new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>() {},
            new TypeReference<DynamicBytes>() {}, new TypeReference<Bool>() {}));

    public static final String FORECAST_REQUESTED_TOPIC = EventEncoder.encode(FORECAST_REQUESTED);
    public static final String FORECAST_RESPONDED_TOPIC = EventEncoder.encode(FORECAST_RESPONDED);
    public static final String FORECAST_FULFILLED_TOPIC = EventEncoder.encode(FORECAST_FULFILLED);

    /** Custom errors of NeuroOracle (selector hex -> signature), so a revert reads as a name, not as hex. */
    private static final Map<String, String> ERRORS = new HashMap<>();
    static {
        for (String sig : List.of("UnknownRequest(bytes32)", "AlreadyFulfilled(bytes32)", "RequestExpired(bytes32,uint64)",
                "NotExpired(bytes32,uint64)", "CommitmentMismatch(bytes32)", "UnauthorisedSigner(address)",
                "AlreadyResponded(bytes32,address)", "NotRequester(address)", "InvalidThreshold(uint8)",
                "InvalidTtl(uint64)", "InvalidCallbackGas(uint32)", "InvalidCallback(address)", "InsufficientGas(uint32)",
                "ECDSAInvalidSignature()", "ECDSAInvalidSignatureLength(uint256)", "ECDSAInvalidSignatureS(bytes32)",
                "AccessControlUnauthorizedAccount(address,bytes32)", "OnlyOracle(address)", "NotPending(bytes32)",
                "Error(string)", "Panic(uint256)")) {
            ERRORS.put(selector(sig), sig);
        }
    }

    // ---- calldata

    public static String request(byte[] modelId, byte[] input, String callback, long callbackGasLimit, long ttlSeconds) {
        return call("request(bytes32,bytes,address,uint32,uint64)", new Bytes32(modelId), new DynamicBytes(input),
                new Address(callback), new Uint32(callbackGasLimit), new Uint64(ttlSeconds));
    }

    /**
     * {@code fulfil((bytes32,address,bytes32,bytes32,address,uint32,uint64),bytes,bytes)}. A tuple of static fields
     * is encoded in place, exactly like its fields one after another, so the fields are passed flat.
     */
    public static String fulfil(ForecastRequest r, byte[] output, byte[] signature) {
        return call("fulfil((bytes32,address,bytes32,bytes32,address,uint32,uint64),bytes,bytes)",
                new Bytes32(r.requestId()), new Address(r.requester()), new Bytes32(r.modelId()), new Bytes32(r.inputHash()),
                new Address(r.callback()), new Uint32(r.callbackGasLimit()), new Uint64(r.expiresAtSeconds()),
                new DynamicBytes(output), new DynamicBytes(signature));
    }

    /** DaoForecastConsumer.ask(modelId, input, ttlSeconds). */
    public static String consumerAsk(byte[] modelId, byte[] input, long ttlSeconds) {
        return call("ask(bytes32,bytes,uint64)", new Bytes32(modelId), new DynamicBytes(input), new Uint64(ttlSeconds));
    }

    public static String consumerAnswer(byte[] requestId) { return call("answers(bytes32)", new Bytes32(requestId)); }

    public static String consumerAnswerCount() { return call("answerCount()"); }

    public static String consumerLastRequestId() { return call("lastRequestId()"); }

    public static String votes(byte[] requestId, byte[] attestation) {
        return call("votes(bytes32,bytes32)", new Bytes32(requestId), new Bytes32(attestation));
    }

    public static String finalised(byte[] requestId) { return call("finalised(bytes32)", new Bytes32(requestId)); }

    public static String threshold() { return call("threshold()"); }

    /** Constructor arguments of NeuroOracle(admin, nodes, k), to append to the creation bytecode. */
    public static String constructorArgs(String admin, List<String> nodes, int k) {
        return FunctionEncoder.encodeConstructor(List.of(new Address(admin),
                new DynamicArray<>(Address.class, nodes.stream().map(Address::new).toList()), new Uint8(k)));
    }

    /** Constructor arguments of DaoForecastConsumer(oracle). */
    public static String consumerConstructorArgs(String oracle) {
        return FunctionEncoder.encodeConstructor(List.of(new Address(oracle)));
    }

    @SuppressWarnings("rawtypes")
    static String call(String signature, Type... args) {
        return selector(signature) + FunctionEncoder.encodeConstructor(Arrays.asList(args));
    }

    static String selector(String signature) {
        return Hash.sha3String(signature).substring(0, 10);
    }

    // ---- decoding

    /** Decodes a {@code ForecastRequested} log; throws IllegalArgumentException naming what is wrong. */
    @SuppressWarnings("rawtypes")
    public static ForecastRequest decodeRequested(Log log) {
        List<String> topics = log.getTopics();
        if (topics.size() != 4 || !FORECAST_REQUESTED_TOPIC.equals(topics.get(0))) {
            throw new IllegalArgumentException("log " + log.getBlockHash() + "#" + log.getLogIndex() + ": not a ForecastRequested event");
        }
        List<Type> data = FunctionReturnDecoder.decode(log.getData(), FORECAST_REQUESTED.getNonIndexedParameters());
        return new ForecastRequest(
                Numeric.hexStringToByteArray(topics.get(1)),
                topicAddress(topics.get(2)),
                Numeric.hexStringToByteArray(topics.get(3)),
                ((Bytes32) data.get(0)).getValue(),
                ((Address) data.get(1)).getValue(),
                ((Uint32) data.get(2)).getValue().longValueExact(),
                ((Uint64) data.get(3)).getValue().longValueExact(),
                ((DynamicBytes) data.get(4)).getValue(),
                log.getBlockHash(), log.getBlockNumber().longValueExact(), log.getLogIndex().longValueExact(),
                log.getTransactionHash());
    }

    /** The bytes of an ABI-encoded {@code bytes} return value. */
    public static byte[] decodeBytesReturn(String hex) {
        @SuppressWarnings("rawtypes")
        List<Type> out = FunctionReturnDecoder.decode(hex, refs(new TypeReference<DynamicBytes>() {}));
        return out.isEmpty() ? new byte[0] : ((DynamicBytes) out.get(0)).getValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<TypeReference<Type>> refs(TypeReference<?>... r) {
        return (List) List.of(r);
    }

    public static BigInteger decodeUint(String hex) { return Numeric.toBigInt(hex); }

    static String topicAddress(String topic) {
        return "0x" + Numeric.cleanHexPrefix(topic).substring(24);
    }

    /**
     * Names a revert: "RequestExpired(bytes32,uint64)" for a known custom error, "Error(string): msg" for a
     * require message, or the raw data.
     */
    public static String describeRevert(String revertDataHex) {
        if (revertDataHex == null || revertDataHex.length() < 10) return "revert without data";
        String sig = ERRORS.get(revertDataHex.substring(0, 10).toLowerCase());
        if (sig == null) return "revert " + revertDataHex;
        if (sig.equals("Error(string)")) {
            @SuppressWarnings("rawtypes")
            List<Type> s = FunctionReturnDecoder.decode("0x" + revertDataHex.substring(10),
                    refs(new TypeReference<org.web3j.abi.datatypes.Utf8String>() {}));
            return "Error(string): " + (s.isEmpty() ? "" : s.get(0).getValue());
        }
        return sig;
    }

    /** The name of a revert's custom error without its parameter list ("RequestExpired"), or null. */
    public static String revertName(String revertDataHex) {
        String d = describeRevert(revertDataHex);
        int p = d.indexOf('(');
        return p > 0 && !d.startsWith("revert") ? d.substring(0, p) : null;
    }

    // ---- attestation

    /**
     * keccak256(modelId || inputHash || output), the value each node signs: the service's {@link Attestation} layout,
     * which NeuroOracle.attestation computes on chain.
     */
    public static byte[] attestation(byte[] modelId, byte[] inputHash, byte[] output) {
        return Attestation.digest(hex(modelId), hex(inputHash), output);
    }

    /** 65-byte r || s || v signature over the EIP-191 prefixed attestation (what the contract's ECDSA.recover takes). */
    public static byte[] signAttestation(byte[] modelId, byte[] inputHash, byte[] output, ECKeyPair key) {
        return Attestation.sign(hex(modelId), hex(inputHash), output, key).signature();
    }

    public static String hex(byte[] b) { return "0x" + HexFormat.of().formatHex(b); }
}
