package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.neuroracle.daoserver.answer.JsonBytes;
import org.neuroracle.daoserver.answer.TypedAttestation;
import org.web3j.crypto.ECKeyPair;

import java.util.HexFormat;

/**
 * A forecast outcome as the HTTP service serves it: attested under {@link TypedAttestation#HTTP} (which no
 * NeuroOracle deployment accepts), signed by the node key, encoded once. Pure: the same outcome and key give the
 * same bytes (RFC 6979 nonces), which is what the bit-identical answer test pins.
 *
 * @param body        the answer JSON as served
 * @param attestation {@code digest:signature} as the journal and cache store it
 */
record SignedForecast(Buffer body, String modelId, String inputHash, String attestation) {

    static SignedForecast of(ForecastEngine.Outcome o, ECKeyPair key, String signerAddress) {
        HexFormat hex = HexFormat.of();
        byte[] inputHash = hex.parseHex(o.inputHash());
        TypedAttestation ta = TypedAttestation.of(TypedAttestation.HTTP, inputHash, hex.parseHex(o.modelId()), inputHash,
                o.outputBytes());
        byte[] digest = ta.digest();
        byte[] sig = Secp256k1Signer.sign(digest, key);
        JsonObject answer = new JsonObject()
                .put("kind", o.kind()).put("modelId", o.modelId()).put("inputHash", o.inputHash())
                .put("backend", o.backend()).put("numericMode", o.numericMode())
                .put("output", "0x" + hex.formatHex(o.outputBytes()))
                .put("answer", o.answer()).put("energy", o.energy())
                .put("attestation", new JsonObject().put("scheme", DaoServer.HTTP_ATTESTATION_SCHEME)
                        .put("domain", new JsonObject().put("name", ta.domain().name()).put("version", ta.domain().version())
                                .put("chainId", ta.domain().chainId()).put("verifyingContract", ta.domain().verifyingContract()))
                        .put("requestId", TypedAttestation.hex(ta.requestId()))
                        .put("outputHash", TypedAttestation.hex(ta.outputHash()))
                        .put("digest", TypedAttestation.hex(digest)).put("signature", TypedAttestation.hex(sig))
                        .put("signer", signerAddress));
        return new SignedForecast(JsonBytes.of(answer), o.modelId(), o.inputHash(), // = answer.toBuffer(), cheaper
                TypedAttestation.hex(digest) + ":" + TypedAttestation.hex(sig));
    }
}
