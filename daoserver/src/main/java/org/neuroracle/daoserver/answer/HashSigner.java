package org.neuroracle.daoserver.answer;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Signs a 32-byte hash as is (no prefix) with one secp256k1 key: the one primitive attestations need. Kept this
 * small so the ECDSA implementation behind it (web3j's {@link Sign}, or the service's signer) can change freely.
 */
public interface HashSigner {
    /** 65 bytes r ‖ s ‖ v, v in {27, 28}, low s (what OpenZeppelin's ECDSA.recover takes). */
    byte[] signHash(byte[] hash32);

    /** Lower-case 0x address of the key. */
    String address();

    /** web3j's Sign.signMessage (BouncyCastle, RFC 6979 nonces) over the key pair. */
    static HashSigner web3j(ECKeyPair key) {
        String address = "0x" + Keys.getAddress(key.getPublicKey());
        return new HashSigner() {
            @Override public byte[] signHash(byte[] hash32) {
                if (hash32.length != 32) throw new IllegalArgumentException("hash: expected 32 bytes, got " + hash32.length);
                Sign.SignatureData s = Sign.signMessage(hash32, key, false);
                byte[] out = new byte[65];
                System.arraycopy(s.getR(), 0, out, 0, 32);
                System.arraycopy(s.getS(), 0, out, 32, 32);
                out[64] = s.getV()[0];
                return out;
            }

            @Override public String address() { return address; }
        };
    }
}
