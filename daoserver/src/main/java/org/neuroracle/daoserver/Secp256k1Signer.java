package org.neuroracle.daoserver;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * The one signing primitive of the node: a 32-byte digest in, 65 bytes {@code r ‖ s ‖ v} out (v = 27 + recovery
 * id, low s, RFC 6979 nonces: the same bytes as web3j's {@code Sign.signMessage(digest, key, false)}). Nothing
 * here hashes or prefixes; callers pass exactly the 32 bytes to sign.
 *
 * <p>Two implementations, picked once at class load, no curve arithmetic of our own in either:
 * libsecp256k1 (Debian {@code libsecp256k1-1}, constant-time, with its recoverable-signature module) through the
 * FFM API when the library is installed ({@link LibSecp256k1}); otherwise web3j's own {@code Sign} (BouncyCastle
 * ECDSA with an RFC 6979 HMAC-SHA256 nonce, recovery id found by trial recovery: correct but several times slower,
 * and BouncyCastle's arithmetic is not constant-time). {@link #implementation()} says which is in use.
 */
public final class Secp256k1Signer {
    private Secp256k1Signer() {}

    private static final LibSecp256k1 NATIVE = LibSecp256k1.loadOrNull();

    /** 65 bytes r ‖ s ‖ v over {@code digest32} with {@code key}. */
    public static byte[] sign(byte[] digest32, ECKeyPair key) {
        if (digest32 == null || digest32.length != 32)
            throw new IllegalArgumentException("digest: expected 32 bytes, got " + (digest32 == null ? "null" : digest32.length));
        return NATIVE != null ? NATIVE.signRecoverable(digest32, key.getPrivateKey()) : web3j(digest32, key);
    }

    /** The web3j path, also used by tests as the reference. */
    static byte[] web3j(byte[] digest32, ECKeyPair key) {
        Sign.SignatureData w = Sign.signMessage(digest32, key, false);
        byte[] out = new byte[65];
        System.arraycopy(w.getR(), 0, out, 0, 32);
        System.arraycopy(w.getS(), 0, out, 32, 32);
        out[64] = w.getV()[0];
        return out;
    }

    /** {@code "libsecp256k1 (path)"} or {@code "web3j (libsecp256k1 not found: ...)"}: for /health and the start log. */
    public static String implementation() {
        return NATIVE != null ? "libsecp256k1 (" + NATIVE.path() + ")" : "web3j (" + LibSecp256k1.whyNotLoaded() + ")";
    }

    /** Whether libsecp256k1 is in use. */
    public static boolean isNative() { return NATIVE != null; }
}
