package org.neuroracle.daoserver;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The signing primitive against web3j's {@code Sign.signMessage}, byte for byte, over many keys and digests. */
class Secp256k1SignerTest {
    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    @Test void libsecp256k1SignaturesEqualWeb3jByteForByte() throws Exception {
        Assumptions.assumeTrue(Secp256k1Signer.isNative(), "skipped: " + Secp256k1Signer.implementation());
        Random rnd = new Random(14);
        int[] v = new int[2];
        for (int i = 0; i < 2000; i++) {
            BigInteger d;
            do d = new BigInteger(256, rnd); while (d.signum() == 0 || d.compareTo(N) >= 0);
            if (i < 4) d = i < 2 ? BigInteger.valueOf(i + 1) : N.subtract(BigInteger.valueOf(i - 1)); // edge keys: 1, 2, n-1, n-2
            ECKeyPair key = ECKeyPair.create(d);
            byte[] digest = new byte[32];
            rnd.nextBytes(digest);
            if (i % 97 == 0) Arrays.fill(digest, (byte) (i % 2 == 0 ? 0 : 0xff)); // all-zero and all-one digests (>= n)
            byte[] ours = Secp256k1Signer.sign(digest, key);
            assertArrayEquals(Secp256k1Signer.web3j(digest, key), ours, "key " + i);
            v[ours[64] - 27]++;
            assertEquals(key.getPublicKey(), Sign.signedMessageHashToKey(digest, new Sign.SignatureData(ours[64],
                    Arrays.copyOfRange(ours, 0, 32), Arrays.copyOfRange(ours, 32, 64))), "recovers the key " + i);
        }
        assertEquals(2000, v[0] + v[1]);
        org.junit.jupiter.api.Assertions.assertTrue(v[0] > 0 && v[1] > 0, "both recovery ids occur");
    }

    @Test void signsOnlyThirtyTwoByteDigests() {
        ECKeyPair key = ECKeyPair.create(BigInteger.TEN);
        var e = assertThrows(IllegalArgumentException.class, () -> Secp256k1Signer.sign(new byte[31], key));
        assertEquals("digest: expected 32 bytes, got 31", e.getMessage());
    }

    @Test void addressOfTheSignerIsRecovered() throws Exception {
        ECKeyPair key = ECKeyPair.create(new BigInteger("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", 16));
        byte[] digest = org.web3j.crypto.Hash.sha3("neuroracle".getBytes());
        byte[] sig = Secp256k1Signer.sign(digest, key);
        BigInteger pub = Sign.signedMessageHashToKey(digest, new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
        assertEquals(Keys.getAddress(key.getPublicKey()), Keys.getAddress(pub));
    }
}
