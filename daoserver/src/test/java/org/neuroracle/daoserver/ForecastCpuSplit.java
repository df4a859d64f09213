package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import org.neuroracle.daoserver.answer.TypedAttestation;
import org.web3j.crypto.ECKeyPair;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * Where one forecast's CPU goes, single-threaded and warm, old and new paths side by side in one JVM: thread CPU
 * time (ThreadMXBean) per phase over distinct 20-vote bodies shaped like the wrk script's. Not a test (no
 * assertion on time); run from the repository root after {@code ./mvnw -pl cli -am package -DskipTests} and a
 * daoserver test compile:
 * {@code java -cp "cli/target/dist/lib/*:daoserver/target/test-classes" org.neuroracle.daoserver.ForecastCpuSplit 3000 3000}
 */
public final class ForecastCpuSplit {
    public static void main(String[] args) throws Exception {
        int warm = args.length > 0 ? Integer.parseInt(args[0]) : 3000, n = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        ForecastServiceEngine engine = ForecastServiceEngine.bundled();
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0x5eed));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        JacksonCodec codec = new JacksonCodec();
        String[] names = {"request JSON parse", "forecast (engine.vote: query, features, reservoir, energy, answer JSON)",
                "EIP-712 digest, new (cached domain)", "EIP-712 digest, old (typed JSON through StructuredDataEncoder)",
                "sign (" + Secp256k1Signer.implementation() + ")", "answer encode, JacksonCodec streaming (tried, not served: no faster)",
                "answer encode, JsonObject.toBuffer (databind, as served)", "SignedForecast.of, 13 estimates (energy=all)",
                "forecast, default energyProfiles (" + ServerConfig.DEFAULT_ENERGY_PROFILES + ", as served by default)",
                "SignedForecast.of, default energyProfiles (as served by default)",
                "answer encode, JsonBytes (generator of Vert.x's mapper, no databind; as served now)"};
        EnergyProfiles node = EnergyProfiles.parse(ServerConfig.DEFAULT_ENERGY_PROFILES, "energyProfiles");
        long[] ns = new long[names.length];
        SplittableRandom rnd = new SplittableRandom(1);
        long bytes = 0, bytesDefault = 0;
        for (int i = 0; i < warm + n; i++) {
            boolean count = i >= warm;
            Buffer body = Buffer.buffer(body(i, rnd));
            long t = mx.getCurrentThreadCpuTime(), t2;
            JsonObject req = new JsonObject(body);
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[0] += t2 - t; t = t2;
            ForecastEngine.Outcome o = engine.vote(req);
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[1] += t2 - t; t = t2;
            byte[] ih = HexFormat.of().parseHex(o.inputHash());
            TypedAttestation ta = TypedAttestation.of(TypedAttestation.HTTP, ih, HexFormat.of().parseHex(o.modelId()), ih, o.outputBytes());
            t = mx.getCurrentThreadCpuTime();
            byte[] d = ta.digest();
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[2] += t2 - t; t = t2;
            byte[] d0 = new org.web3j.crypto.StructuredDataEncoder(ta.typedDataJson()).hashStructuredData(); // the old path
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[3] += t2 - t; t = t2;
            byte[] sig = Secp256k1Signer.sign(d, key);
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[4] += t2 - t;
            JsonObject answer = new JsonObject().put("answer", o.answer()).put("energy", o.energy()).put("signature", TypedAttestation.hex(sig));
            // Alternate which encoder goes first: the second walks strings the first just brought into cache.
            Buffer b0 = null, b1 = null;
            for (int pass = 0; pass < 2; pass++) {
                boolean streaming = (pass == 0) == (i % 2 == 0);
                t = mx.getCurrentThreadCpuTime();
                if (streaming) b1 = codec.toBuffer(answer, false);
                else b0 = answer.toBuffer();
                t2 = mx.getCurrentThreadCpuTime();
                if (count) ns[streaming ? 5 : 6] += t2 - t;
            }
            t = mx.getCurrentThreadCpuTime();
            Buffer b2 = org.neuroracle.daoserver.answer.JsonBytes.of(answer);
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[10] += t2 - t;
            if (!b2.equals(b0)) throw new IllegalStateException("JsonBytes and toBuffer differ at " + i);
            t = mx.getCurrentThreadCpuTime();
            SignedForecast sf = SignedForecast.of(o, key, "0x0");
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[7] += t2 - t; t = t2;
            ForecastEngine.Outcome od = engine.vote(req, node);
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[8] += t2 - t; t = t2;
            SignedForecast sd = SignedForecast.of(od, key, "0x0");
            t2 = mx.getCurrentThreadCpuTime(); if (count) ns[9] += t2 - t;
            if (!sd.attestation().equals(sf.attestation())) throw new IllegalStateException("the energy selection changed the attestation at " + i);
            if (!java.util.Arrays.equals(d, d0) || !b0.equals(b1)) throw new IllegalStateException("old and new paths differ at " + i);
            if (count) { bytes += sf.body().length(); bytesDefault += sd.body().length(); }
        }
        System.out.printf("%d warm-up + %d measured distinct 20-vote forecasts, one thread; answer %.0f bytes with every estimate, %.0f bytes by default%n",
                warm, n, (double) bytes / n, (double) bytesDefault / n);
        for (int k = 0; k < names.length; k++) System.out.printf("  %-80s %7.1f us%n", names[k], ns[k] / 1e3 / n);
        double all = (ns[0] + ns[1] + ns[7]) / 1e3 / n, before = all - ns[7] / 1e3 / n + (ns[3] + ns[4] + ns[6]) / 1e3 / n;
        double byDefault = (ns[0] + ns[8] + ns[9]) / 1e3 / n;
        System.out.printf("  parse + forecast + signed answer: %.1f us as served by default, %.1f us with energy=all, %.1f us with energy=all and the old digest%n",
                byDefault, all, before);
    }

    /** As distinct-votes.lua: 20 votes at random times between voteStart and asOf, a new proposalId each time. */
    static String body(int counter, SplittableRandom rnd) {
        long start = 1_700_000_000L + (counter % 1000) * 1000L, asOf = start + 3600 + (counter % 48) * 3600L;
        String[] choices = {"for", "for", "for", "for", "for", "for", "against", "against", "against", "abstain"};
        JsonArray votes = new JsonArray();
        for (int k = 0; k < 20; k++)
            votes.add(new JsonObject().put("timestamp", start + rnd.nextLong(asOf - start + 1))
                    .put("voter", String.format("0x%08x%08x", rnd.nextInt(0x7fffffff), counter)).put("choice", choices[rnd.nextInt(10)])
                    .put("weight", rnd.nextInt(1, 500_001) + "." + rnd.nextInt(1000)));
        return new JsonObject().put("dao", "bench-dao").put("proposalId", "split-" + counter).put("voteStart", start)
                .put("voteEnd", start + 3 * 86400).put("quorum", "400000").put("asOf", asOf).put("votes", votes).encode();
    }
}
