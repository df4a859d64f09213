package org.neuroracle.daoserver.oracle;

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
            new TypeReference<Uint8>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Uint32>() {},
            new TypeReference<Uint64>() {}, new TypeReference<Uint64>() {}, new TypeReference<Bytes32>() {},
            new TypeReference<Uint256>() {}, new TypeReference<DynamicBytes>() {}));
    public static final Event FORECAST_RESPONDED = new Event("ForecastResponded", List.of(
            new TypeReference<Bytes32>(true) {}, new TypeReference<Address>(true) {},
            new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {}));
    public static final Event FORECAST_FULFILLED = new Event("ForecastFulfilled", List.of(
            new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>() {},
            new TypeReference<DynamicBytes>() {}, new TypeReference<Bool>() {}));

    public static final String FORECAST_REQUESTED_TOPIC = EventEncoder.encode(FORECAST_REQUESTED);
    public static final String FORECAST_RESPONDED_TOPIC = EventEncoder.encode(FORECAST_RESPONDED);
    public static final String FORECAST_FULFILLED_TOPIC = EventEncoder.encode(FORECAST_FULFILLED);
    public static final Event FORECAST_RESPONDED_LATE = new Event("ForecastRespondedLate", List.of(
            new TypeReference<Bytes32>(true) {}, new TypeReference<Address>(true) {}, new TypeReference<Bytes32>() {}));
    public static final String FORECAST_RESPONDED_LATE_TOPIC = EventEncoder.encode(FORECAST_RESPONDED_LATE);

    /** Custom errors of NeuroOracle (selector hex -> signature), so a revert reads as a name, not as hex. */
    private static final Map<String, String> ERRORS = new HashMap<>();
    static {
        for (String sig : List.of("UnknownRequest(bytes32)", "AlreadyFulfilled(bytes32)", "RequestExpired(bytes32,uint64)",
                "NotExpired(bytes32,uint64)", "CommitmentMismatch(bytes32)", "InputHashMismatch(bytes32)",
                "UnauthorisedSigner(address)", "AlreadyResponded(bytes32,address)", "NotRequester(address)",
                "InvalidThreshold(uint8,uint16)", "InvalidTtl(uint64)", "InvalidCallbackGas(uint32)", "InvalidSubject()",
                "GasPriceBelowBaseFee(uint256,uint256)", "FeeTooLow(uint256,uint256)", "InsufficientGas(uint32)",
                "NothingOwed(address)", "PaymentFailed(address)", "PinnedBlockNotPast(uint64,uint256)",
                "PinnedBlockTooOld(uint64,uint256)", "PinnedBlockHashUnknown(uint64)",
                "ECDSAInvalidSignature()", "ECDSAInvalidSignatureLength(uint256)", "ECDSAInvalidSignatureS(bytes32)",
                "AccessControlUnauthorizedAccount(address,bytes32)", "OnlyOracle(address)", "NotPending(bytes32)",
                "WrongFormat(uint16,uint16)", "StaleForecast(uint64,uint64)", "RunwayTooShort(uint256,uint32)", "Error(string)",
                "Panic(uint256)")) {
            ERRORS.put(selector(sig), sig);
        }
    }

    // ---- calldata

    public static String request(byte[] modelId, byte[] input, long callbackGasLimit, long ttlSeconds, BigInteger gasPriceWei) {
        return call("request(bytes32,bytes,uint32,uint64,uint256)", new Bytes32(modelId), new DynamicBytes(input),
                new Uint32(callbackGasLimit), new Uint64(ttlSeconds), new Uint256(gasPriceWei));
    }

    public static String minFee(long callbackGasLimit, BigInteger gasPriceWei) {
        return call("minFee(uint32,uint256)", new Uint32(callbackGasLimit), new Uint256(gasPriceWei));
    }

    /** The Request tuple's fields, flat: a tuple of static fields is encoded in place, like its fields in a row. */
    @SuppressWarnings("rawtypes")
    static List<Type> requestTuple(ForecastRequest r) {
        return List.of(new Bytes32(r.requestId()), new Address(r.requester()), new Bytes32(r.modelId()), new Uint8(r.kind()),
                new Bytes32(r.inputHash()), new Bytes32(r.subjectHash()), new Uint32(r.callbackGasLimit()),
                new Uint64(r.expiresAtSeconds()), new Uint64(r.asOfBlock()), new Uint256(r.feeWei()));
    }

    static final String REQUEST_TUPLE = "(bytes32,address,bytes32,uint8,bytes32,bytes32,uint32,uint64,uint64,uint256)";

    /** {@code fulfil(Request, bytes32 inputHash, bytes output, bytes signature)}. */
    @SuppressWarnings("rawtypes")
    public static String fulfil(ForecastRequest r, byte[] inputHash, byte[] output, byte[] signature) {
        List<Type> args = new java.util.ArrayList<>(requestTuple(r));
        args.add(new Bytes32(inputHash));
        args.add(new DynamicBytes(output));
        args.add(new DynamicBytes(signature));
        return selector("fulfil(" + REQUEST_TUPLE + ",bytes32,bytes,bytes)") + FunctionEncoder.encodeConstructor(args);
    }

    @SuppressWarnings("rawtypes")
    public static String cancel(ForecastRequest r) {
        return selector("cancel(" + REQUEST_TUPLE + ")") + FunctionEncoder.encodeConstructor(requestTuple(r));
    }

    public static String withdraw() { return call("withdraw()"); }

    public static String owed(String account) { return call("owed(address)", new Address(account)); }

    public static String attestationDigest(byte[] requestId, byte[] modelId, byte[] inputHash, byte[] outputHash) {
        return call("attestationDigest(bytes32,bytes32,bytes32,bytes32)", new Bytes32(requestId), new Bytes32(modelId),
                new Bytes32(inputHash), new Bytes32(outputHash));
    }

    /** DaoForecastConsumer.ask(modelId, input, ttlSeconds, gasPriceWei), payable. */
    public static String consumerAsk(byte[] modelId, byte[] input, long ttlSeconds, BigInteger gasPriceWei) {
        return call("ask(bytes32,bytes,uint64,uint256)", new Bytes32(modelId), new DynamicBytes(input), new Uint64(ttlSeconds),
                new Uint256(gasPriceWei));
    }

    /** ProposalForecastConsumer.ask(proposalId, gasPriceWei), payable. */
    public static String proposalAsk(BigInteger proposalId, BigInteger gasPriceWei) {
        return call("ask(uint256,uint256)", new Uint256(proposalId), new Uint256(gasPriceWei));
    }

    public static String forecastOf(BigInteger proposalId) { return call("forecastOf(uint256)", new Uint256(proposalId)); }

    public static String consumerAnswer(byte[] requestId) { return call("answers(bytes32)", new Bytes32(requestId)); }

    public static String consumerAnswerCount() { return call("answerCount()"); }

    public static String consumerLastRequestId() { return call("lastRequestId()"); }

    public static String votes(byte[] requestId, byte[] attestation) {
        return call("votes(bytes32,bytes32)", new Bytes32(requestId), new Bytes32(attestation));
    }

    /** {@code finalisedInBlock(requestId)}: the block that finalised the request, 0 while open. */
    public static String finalisedInBlock(byte[] requestId) { return call("finalisedInBlock(bytes32)", new Bytes32(requestId)); }

    /** {@code requestVoteForecastAt(governor, proposalId, asOfBlock, modelId, callbackGasLimit, ttlSeconds, gasPriceWei)}, payable. */
    public static String requestVoteForecastAt(String governor, BigInteger proposalId, long asOfBlock, byte[] modelId, long callbackGasLimit,
                                               long ttlSeconds, BigInteger gasPriceWei) {
        return call("requestVoteForecastAt(address,uint256,uint64,bytes32,uint32,uint64,uint256)", new Address(governor),
                new Uint256(proposalId), new Uint64(asOfBlock), new Bytes32(modelId), new Uint32(callbackGasLimit),
                new Uint64(ttlSeconds), new Uint256(gasPriceWei));
    }

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
        List<Type> d = FunctionReturnDecoder.decode(log.getData(), FORECAST_REQUESTED.getNonIndexedParameters());
        if (d.size() != 8) throw new IllegalArgumentException("log " + log.getBlockHash() + "#" + log.getLogIndex() + ": undecodable data");
        return new ForecastRequest(
                Numeric.hexStringToByteArray(topics.get(1)), topicAddress(topics.get(2)), Numeric.hexStringToByteArray(topics.get(3)),
                ((Uint8) d.get(0)).getValue().intValueExact(), ((Bytes32) d.get(1)).getValue(),
                ((Uint32) d.get(2)).getValue().longValueExact(), ((Uint64) d.get(3)).getValue().longValueExact(),
                ((Uint64) d.get(4)).getValue().longValueExact(), ((Bytes32) d.get(5)).getValue(),
                ((Uint256) d.get(6)).getValue(), ((DynamicBytes) d.get(7)).getValue(),
                log.getBlockHash(), log.getBlockNumber().longValueExact(), log.getLogIndex().longValueExact(),
                log.getTransactionHash());
    }

    /** (governor, proposalId) of a vote request's subject. */
    @SuppressWarnings("rawtypes")
    public static VoteSubject voteSubject(byte[] subject) {
        List<Type> t = FunctionReturnDecoder.decode(Numeric.toHexString(subject),
                refs(new TypeReference<Address>() {}, new TypeReference<Uint256>() {}));
        if (t.size() != 2) throw new IllegalArgumentException("subject: not abi.encode(address governor, uint256 proposalId)");
        return new VoteSubject(((Address) t.get(0)).getValue(), ((Uint256) t.get(1)).getValue());
    }

    public record VoteSubject(String governor, BigInteger proposalId) {}

    /** (treasury, tokens) of a treasury request's subject. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static TreasurySubject treasurySubject(byte[] subject) {
        List<Type> t = FunctionReturnDecoder.decode(Numeric.toHexString(subject),
                refs(new TypeReference<Address>() {}, new TypeReference<DynamicArray<Address>>() {}));
        if (t.size() != 2) throw new IllegalArgumentException("subject: not abi.encode(address treasury, address[] tokens)");
        List<Address> tokens = ((DynamicArray<Address>) t.get(1)).getValue();
        return new TreasurySubject(((Address) t.get(0)).getValue(), tokens.stream().map(Address::getValue).toList());
    }

    public record TreasurySubject(String treasury, List<String> tokens) {}

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

    public static String hex(byte[] b) { return "0x" + HexFormat.of().formatHex(b); }
}
