package org.neuroracle.daoserver.answer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The statement a node signs about one answer: the EIP-712 struct
 * {@code Attestation(bytes32 requestId,bytes32 modelId,bytes32 inputHash,bytes32 outputHash)} under a domain
 * {name, version, chainId, verifyingContract}. On chain the domain is NeuroOracle's own ({@link #onChain}); HTTP
 * answers use {@link #HTTP}, whose name differs, so no HTTP signature can ever satisfy an on-chain request (the
 * contract recomputes the digest under its domain and recovers another address). The digest is computed by web3j's
 * {@link StructuredDataEncoder}; the signature by a {@link HashSigner}.
 *
 * @param requestId  on chain: the request id; HTTP: the input hash (an HTTP request has no other identity)
 * @param outputHash keccak256 of the output bytes
 */
public record TypedAttestation(Domain domain, byte[] requestId, byte[] modelId, byte[] inputHash, byte[] outputHash) {
    public static final String TYPE = "Attestation";
    public static final String TYPE_STRING = "Attestation(bytes32 requestId,bytes32 modelId,bytes32 inputHash,bytes32 outputHash)";
    /** The HTTP service's domain: chain id 0 and the zero address, a domain no contract has. */
    public static final Domain HTTP = new Domain("Neuroracle HTTP answer", "1", 0, "0x0000000000000000000000000000000000000000");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    public record Domain(String name, String version, long chainId, String verifyingContract) {
        public Domain {
            if (verifyingContract == null || !verifyingContract.matches("0x[0-9a-fA-F]{40}")) {
                throw new IllegalArgumentException("verifyingContract: must be 0x followed by 40 hex digits, got " + verifyingContract);
            }
            verifyingContract = verifyingContract.toLowerCase();
        }
    }

    /** NeuroOracle's domain on a chain, at a deployment (the contract's EIP712("NeuroOracle", "2")). */
    public static Domain onChain(long chainId, String oracle) { return new Domain("NeuroOracle", "2", chainId, oracle); }

    public TypedAttestation {
        check("requestId", requestId);
        check("modelId", modelId);
        check("inputHash", inputHash);
        check("outputHash", outputHash);
    }

    public static TypedAttestation of(Domain domain, byte[] requestId, byte[] modelId, byte[] inputHash, byte[] output) {
        return new TypedAttestation(domain, requestId, modelId, inputHash, org.web3j.crypto.Hash.sha3(output));
    }

    /** The typed data as EIP-712 JSON ({@code eth_signTypedData_v4}'s input). */
    public String typedDataJson() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode types = root.putObject("types");
        ArrayNode dom = types.putArray("EIP712Domain");
        field(dom, "name", "string");
        field(dom, "version", "string");
        field(dom, "chainId", "uint256");
        field(dom, "verifyingContract", "address");
        ArrayNode att = types.putArray(TYPE);
        for (String f : new String[]{"requestId", "modelId", "inputHash", "outputHash"}) field(att, f, "bytes32");
        root.put("primaryType", TYPE);
        ObjectNode d = root.putObject("domain");
        d.put("name", domain.name()).put("version", domain.version()).put("chainId", domain.chainId())
                .put("verifyingContract", domain.verifyingContract());
        ObjectNode m = root.putObject("message");
        m.put("requestId", hex(requestId)).put("modelId", hex(modelId)).put("inputHash", hex(inputHash))
                .put("outputHash", hex(outputHash));
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write typed data JSON", e);
        }
    }

    /**
     * keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(message)). The domain separator is web3j's
     * {@link StructuredDataEncoder#hashDomain()}, computed once per domain; hashStruct of this all-{@code bytes32}
     * struct is keccak256(typeHash ‖ the four 32-byte values), which EIP-712 encodes as themselves. Building the typed
     * JSON and letting web3j parse it per answer cost a quarter of a forecast's CPU (daoserver/MEASUREMENTS.md,
     * "Where a forecast's CPU goes"); the tests compare this digest with web3j's from {@link #typedDataJson()}.
     */
    public byte[] digest() {
        byte[] buf = new byte[2 + 32 + 32];
        buf[0] = 0x19;
        buf[1] = 0x01;
        System.arraycopy(DOMAIN_SEPARATORS.computeIfAbsent(domain, TypedAttestation::domainSeparator), 0, buf, 2, 32);
        byte[] struct = new byte[5 * 32];
        System.arraycopy(TYPE_HASH, 0, struct, 0, 32);
        System.arraycopy(requestId, 0, struct, 32, 32);
        System.arraycopy(modelId, 0, struct, 64, 32);
        System.arraycopy(inputHash, 0, struct, 96, 32);
        System.arraycopy(outputHash, 0, struct, 128, 32);
        System.arraycopy(org.web3j.crypto.Hash.sha3(struct), 0, buf, 34, 32);
        return org.web3j.crypto.Hash.sha3(buf);
    }

    private static final byte[] TYPE_HASH = org.web3j.crypto.Hash.sha3(TYPE_STRING.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    /** Few entries: the HTTP domain and one per oracle deployment a node serves. */
    private static final java.util.Map<Domain, byte[]> DOMAIN_SEPARATORS = new java.util.concurrent.ConcurrentHashMap<>();

    private static byte[] domainSeparator(Domain d) {
        byte[] zero = new byte[32];
        try {
            return new StructuredDataEncoder(new TypedAttestation(d, zero, zero, zero, zero).typedDataJson()).hashDomain();
        } catch (IOException e) {
            throw new IllegalStateException("typed data domain: " + e.getMessage(), e);
        }
    }

    public byte[] sign(HashSigner signer) { return signer.signHash(digest()); }

    /** The lower-case 0x address that made {@code signature65} over this attestation. */
    public String recover(byte[] signature65) {
        if (signature65.length != 65) throw new IllegalArgumentException("signature: expected 65 bytes, got " + signature65.length);
        Sign.SignatureData sig = new Sign.SignatureData(signature65[64], Arrays.copyOfRange(signature65, 0, 32),
                Arrays.copyOfRange(signature65, 32, 64));
        try {
            BigInteger pub = Sign.signedMessageHashToKey(digest(), sig);
            return "0x" + Keys.getAddress(pub);
        } catch (SignatureException e) {
            throw new IllegalArgumentException("signature: " + e.getMessage(), e);
        }
    }

    public static String hex(byte[] b) { return "0x" + HEX.formatHex(b); }

    private static void field(ArrayNode a, String name, String type) { a.addObject().put("name", name).put("type", type); }

    private static void check(String field, byte[] b) {
        if (b == null || b.length != 32) throw new IllegalArgumentException(field + ": expected 32 bytes, got " + (b == null ? "none" : b.length));
    }
}
