package org.neuroracle.daoserver;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttestationTest {
    private static final String MODEL = "11".repeat(32);
    private static final String INPUT = "0x" + "22".repeat(32);
    private static final byte[] OUTPUT = "neuroracle-vote-forecast/1\npPass=0.5\n".getBytes(StandardCharsets.UTF_8);
    /** A fixed key (private key 1..) so the expected address is known independently. */
    private static final ECKeyPair KEY = ECKeyPair.create(BigInteger.valueOf(0x1234567890L));

    @Test void preimageIsModelIdThenInputHashThenOutputBytes() {
        byte[] pre = Attestation.preimage(MODEL, INPUT, OUTPUT);
        assertEquals(64 + OUTPUT.length, pre.length);
        for (int i = 0; i < 32; i++) assertEquals(0x11, pre[i]);
        for (int i = 32; i < 64; i++) assertEquals(0x22, pre[i]);
        for (int i = 0; i < OUTPUT.length; i++) assertEquals(OUTPUT[i], pre[64 + i]);
    }

    @Test void digestIsKeccak256OfPreimage() {
        assertArrayEquals(Hash.sha3(Attestation.preimage(MODEL, INPUT, OUTPUT)), Attestation.digest(MODEL, INPUT, OUTPUT));
        // keccak256("") is the well-known c5d2...a470: the hash in use is Keccak, not NIST SHA3-256.
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", HexFormat.of().formatHex(Hash.sha3(new byte[0])));
    }

    @Test void signatureRecoversTheSignerAndIsDeterministic() {
        Attestation a = Attestation.sign(MODEL, INPUT, OUTPUT, KEY);
        Attestation b = Attestation.sign(MODEL, INPUT, OUTPUT, KEY);
        assertEquals("0x" + Keys.getAddress(KEY.getPublicKey()), a.signer());
        assertEquals(a.signer(), Attestation.recoverSigner(a.digest(), a.signature()));
        assertArrayEquals(a.signature(), b.signature());
        assertEquals(65, a.signature().length);
        int v = a.signature()[64] & 0xff;
        assertTrue(v == 27 || v == 28, "v = " + v);
        assertEquals(132, a.signatureHex().length());
    }

    @Test void anyChangedByteChangesDigestAndRecoveredSigner() {
        Attestation a = Attestation.sign(MODEL, INPUT, OUTPUT, KEY);
        byte[] other = OUTPUT.clone();
        other[other.length - 2] ^= 1;
        assertNotEquals(a.digestHex(), Attestation.sign(MODEL, INPUT, other, KEY).digestHex());
        byte[] tampered = a.digest();
        tampered[0] ^= 1;
        assertNotEquals(a.signer(), Attestation.recoverSigner(tampered, a.signature()));
    }

    @Test void malformedIdsNameTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> Attestation.digest("abc", INPUT, OUTPUT));
        assertEquals("modelId: expected 64 hex digits (32 bytes), got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Attestation.digest(MODEL, "zz".repeat(32), OUTPUT));
        assertTrue(e.getMessage().startsWith("inputHash: not hex"), e.getMessage());
    }
}
