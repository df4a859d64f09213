package org.neuroracle.daoserver;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

import java.math.BigInteger;

/**
 * secp256k1 ECDSA with RFC 6979 nonces and low-s normalisation, producing exactly the bytes of web3j's
 * {@code Sign.signMessage(hash, key, false)}, but with the recovery id taken from the nonce point R itself.
 * web3j finds the recovery id by recovering the public key for each candidate (several variable-base point
 * multiplications, about two thirds of the time of a forecast here); R's y parity and x overflow give it for free,
 * so a signature costs one fixed-base multiplication. AttestationTest checks the two agree byte for byte.
 */
final class FastSigner {
    private FastSigner() {}

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final ECPoint G = Sign.CURVE_PARAMS.getG();
    private static final FixedPointCombMultiplier MULTIPLIER = new FixedPointCombMultiplier();

    /** 65 bytes r ‖ s ‖ v (v = 27 + recovery id) over the 32-byte {@code hash}, exactly as signed (no prefixing here). */
    static byte[] signHash(byte[] hash, ECKeyPair key) {
        BigInteger d = key.getPrivateKey();
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator kCalc = new HMacDSAKCalculator(new SHA256Digest());
        kCalc.init(N, d, hash);
        BigInteger r, s;
        int recId;
        // The same loop as BouncyCastle's ECDSASigner, so the nonce sequence (and so the signature) is the same.
        do {
            BigInteger k;
            ECPoint p;
            do {
                k = kCalc.nextK();
                p = MULTIPLIER.multiply(G, k).normalize();
                r = p.getAffineXCoord().toBigInteger().mod(N);
            } while (r.signum() == 0);
            s = k.modInverse(N).multiply(e.add(d.multiply(r))).mod(N);
            recId = (p.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0)
                    | (p.getAffineXCoord().toBigInteger().compareTo(N) >= 0 ? 2 : 0);
        } while (s.signum() == 0);
        if (s.compareTo(HALF_N) > 0) {
            // (r, n - s) is the signature of the point -R, whose y has the other parity.
            s = N.subtract(s);
            recId ^= 1;
        }
        byte[] out = new byte[65];
        put32(r, out, 0);
        put32(s, out, 32);
        out[64] = (byte) (27 + recId);
        return out;
    }

    private static void put32(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
    }
}
