package org.neuroracle.daoserver;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The signed statement a node makes about one forecast. Layout (version 1), shared with the oracle node and
 * {@code NeuroOracle.sol}:
 * <pre>
 *   modelId     32 bytes  sha256 of the model artifact (the 64 hex digits of {@code modelId})
 *   inputHash   32 bytes  sha256 of the canonical input bytes (the 64 hex digits of {@code inputHash})
 *   outputBytes  n bytes  the forecast's canonical output encoding, as is
 *
 *   digest    = keccak256(modelId ‖ inputHash ‖ outputBytes)
 *             = keccak256(abi.encodePacked(bytes32 modelId, bytes32 inputHash, bytes outputBytes))  in Solidity
 *   signature = secp256k1 signature of the EIP-191 message hash of the digest:
 *               keccak256("\x19Ethereum Signed Message:\n32" ‖ digest)
 *             = MessageHashUtils.toEthSignedMessageHash(digest) in OpenZeppelin, so ECDSA.recover works as is
 *   encoding  = 65 bytes r(32) ‖ s(32) ‖ v(1), v in {27, 28}; s is low (web3j normalises it)
 * </pre>
 * The signature is deterministic (RFC 6979 nonces), so the same forecast on any node with the same key gives the
 * same bytes; different nodes give the same digest, which is what a k-of-n contract compares.
 */
public final class Attestation {
    /** Names the layout above in JSON answers. */
    public static final String SCHEME = "neuroracle-attestation-v1";

    private static final HexFormat HEX = HexFormat.of();
    private final byte[] digest;
    private final byte[] signature;
    private final String signer;

    private Attestation(byte[] digest, byte[] signature, String signer) {
        this.digest = digest;
        this.signature = signature;
        this.signer = signer;
    }

    /** {@code modelId ‖ inputHash ‖ outputBytes}; both ids are 64 hex digits, with or without {@code 0x}. */
    public static byte[] preimage(String modelIdHex, String inputHashHex, byte[] outputBytes) {
        byte[] model = bytes32("modelId", modelIdHex);
        byte[] input = bytes32("inputHash", inputHashHex);
        byte[] out = new byte[64 + outputBytes.length];
        System.arraycopy(model, 0, out, 0, 32);
        System.arraycopy(input, 0, out, 32, 32);
        System.arraycopy(outputBytes, 0, out, 64, outputBytes.length);
        return out;
    }

    /** keccak256 of the {@link #preimage}. */
    public static byte[] digest(String modelIdHex, String inputHashHex, byte[] outputBytes) {
        return Hash.sha3(preimage(modelIdHex, inputHashHex, outputBytes));
    }

    /** Signs a forecast with the node key. */
    public static Attestation sign(String modelIdHex, String inputHashHex, byte[] outputBytes, ECKeyPair key) {
        byte[] d = digest(modelIdHex, inputHashHex, outputBytes);
        byte[] encoded = Secp256k1Signer.sign(Sign.getEthereumMessageHash(d), key);
        return new Attestation(d, encoded, "0x" + Keys.getAddress(key.getPublicKey()));
    }

    /** The 0x address whose key made {@code signature65} over {@code digest32}; throws on a malformed signature. */
    public static String recoverSigner(byte[] digest32, byte[] signature65) {
        if (digest32.length != 32) throw new IllegalArgumentException("digest: expected 32 bytes, got " + digest32.length);
        if (signature65.length != 65) throw new IllegalArgumentException("signature: expected 65 bytes, got " + signature65.length);
        Sign.SignatureData sig = new Sign.SignatureData(signature65[64],
                Arrays.copyOfRange(signature65, 0, 32), Arrays.copyOfRange(signature65, 32, 64));
        try {
            BigInteger pub = Sign.signedPrefixedMessageToKey(digest32, sig);
            return "0x" + Keys.getAddress(pub);
        } catch (SignatureException e) {
            throw new IllegalArgumentException("signature: " + e.getMessage(), e);
        }
    }

    public byte[] digest() { return digest.clone(); }
    public byte[] signature() { return signature.clone(); }
    /** Checksum-free lower-case 0x address of the signing key. */
    public String signer() { return signer; }
    public String digestHex() { return "0x" + HEX.formatHex(digest); }
    public String signatureHex() { return "0x" + HEX.formatHex(signature); }

    private static byte[] bytes32(String field, String hex) {
        if (hex == null) throw new IllegalArgumentException(field + ": missing");
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (h.length() != 64) throw new IllegalArgumentException(field + ": expected 64 hex digits (32 bytes), got " + h.length());
        try {
            return HEX.parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": not hex: " + e.getMessage(), e);
        }
    }
}
