package org.neuroracle.daoserver.answer;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TypedAttestationTest {
    static final ECKeyPair KEY = ECKeyPair.create(BigInteger.valueOf(0x1234567890L));
    static final String ORACLE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    static final byte[] REQ = fill(0x01), MODEL = fill(0x11), INPUT = fill(0x22);
    static final byte[] OUT = "output".getBytes(StandardCharsets.UTF_8);

    static byte[] fill(int b) {
        byte[] x = new byte[32];
        java.util.Arrays.fill(x, (byte) b);
        return x;
    }

    /**
     * The digest written out by hand from EIP-712: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct), with the domain
     * and struct type hashes computed from their type strings; it must equal what web3j's StructuredDataEncoder gives.
     */
    @Test void digestIsTheEip712HashOfDomainAndStruct() {
        TypedAttestation a = TypedAttestation.of(TypedAttestation.onChain(31337, ORACLE), REQ, MODEL, INPUT, OUT);
        byte[] domainType = Hash.sha3("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.UTF_8));
        byte[] sep = Hash.sha3(concat(domainType, Hash.sha3("NeuroOracle".getBytes(StandardCharsets.UTF_8)),
                Hash.sha3("2".getBytes(StandardCharsets.UTF_8)), word(BigInteger.valueOf(31337)), word(new BigInteger(ORACLE.substring(2), 16))));
        byte[] structHash = Hash.sha3(concat(Hash.sha3(TypedAttestation.TYPE_STRING.getBytes(StandardCharsets.UTF_8)), REQ, MODEL, INPUT, Hash.sha3(OUT)));
        byte[] expected = Hash.sha3(concat(new byte[]{0x19, 0x01}, sep, structHash));
        assertArrayEquals(expected, a.digest());
    }

    /** The fast digest equals web3j's from the typed JSON, over many random fields and several domains. */
    @Test void digestEqualsWeb3jsTypedDataDigestOverManyInputs() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(712);
        TypedAttestation.Domain[] domains = {TypedAttestation.HTTP, TypedAttestation.onChain(1, ORACLE),
                TypedAttestation.onChain(31337, "0x" + "ab".repeat(20)), TypedAttestation.onChain(Long.MAX_VALUE, ORACLE)};
        for (int k = 0; k < 400; k++) {
            byte[][] f = new byte[4][32];
            for (byte[] b : f) for (int i = 0; i < 32; i++) b[i] = (byte) rnd.nextInt(256);
            TypedAttestation a = new TypedAttestation(domains[k % domains.length], f[0], f[1], f[2], f[3]);
            assertArrayEquals(web3jDigest(a), a.digest(), "attestation " + k);
        }
    }

    /** The digest as web3j's EIP-712 encoder computes it from the attestation's typed-data JSON. */
    static byte[] web3jDigest(TypedAttestation a) {
        try {
            return new org.web3j.crypto.StructuredDataEncoder(a.typedDataJson()).hashStructuredData();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test void signatureRecoversTheSigner() {
        TypedAttestation a = TypedAttestation.of(TypedAttestation.onChain(1, ORACLE), REQ, MODEL, INPUT, OUT);
        byte[] sig = a.sign(HashSigner.web3j(KEY));
        assertEquals(65, sig.length);
        assertEquals("0x" + Keys.getAddress(KEY.getPublicKey()), a.recover(sig));
        assertArrayEquals(sig, a.sign(HashSigner.web3j(KEY)), "RFC 6979: deterministic");
    }

    @Test void anotherChainContractRequestOrTheHttpDomainGivesAnotherDigest() {
        TypedAttestation base = TypedAttestation.of(TypedAttestation.onChain(1, ORACLE), REQ, MODEL, INPUT, OUT);
        byte[] sig = base.sign(HashSigner.web3j(KEY));
        String signer = base.recover(sig);
        for (TypedAttestation other : new TypedAttestation[]{
                TypedAttestation.of(TypedAttestation.onChain(5, ORACLE), REQ, MODEL, INPUT, OUT),
                TypedAttestation.of(TypedAttestation.onChain(1, "0x" + "ab".repeat(20)), REQ, MODEL, INPUT, OUT),
                TypedAttestation.of(TypedAttestation.onChain(1, ORACLE), fill(0x02), MODEL, INPUT, OUT),
                TypedAttestation.of(TypedAttestation.HTTP, REQ, MODEL, INPUT, OUT)}) {
            assertNotEquals(HexFormat.of().formatHex(base.digest()), HexFormat.of().formatHex(other.digest()));
            assertFalse(signer.equals(other.recover(sig)), "the signature recovers another address under " + other.domain());
        }
    }

    @Test void rejectsMalformedFields() {
        assertThrows(IllegalArgumentException.class, () -> TypedAttestation.of(TypedAttestation.HTTP, new byte[31], MODEL, INPUT, OUT));
        assertThrows(IllegalArgumentException.class, () -> new TypedAttestation.Domain("x", "1", 1, "0x12"));
        TypedAttestation a = TypedAttestation.of(TypedAttestation.HTTP, REQ, MODEL, INPUT, OUT);
        assertThrows(IllegalArgumentException.class, () -> a.recover(new byte[64]));
    }

    static byte[] word(BigInteger v) {
        byte[] out = new byte[32];
        byte[] b = v.toByteArray();
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        var o = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }
}
