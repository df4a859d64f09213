package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;
import org.web3j.crypto.ECKeyPair;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;

/**
 * The forecast worker's path as {@code DaoServer} runs it for a vote request (the event loop has parsed the body):
 * {@code engine.vote} with the node's default energy profiles, then {@link SignedForecast#of} and the bytes the
 * journal row copies. Only API that every commit since issue 14's second round has, so {@link ForecastCpuAb} can
 * load this one class file next to an older build's jars and time both in one JVM.
 */
public final class WorkerPathDriver {
    private final ForecastServiceEngine engine = ForecastServiceEngine.bundled();
    private final ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0x5eed));
    private final EnergyProfiles energy = EnergyProfiles.parse(ServerConfig.DEFAULT_ENERGY_PROFILES, "energyProfiles");
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    /** The forecast facade behind the engine (the harness reads its memo counters where the build has them). */
    public Object forecastService() { return engine.pipeline().service(); }

    /** The served body and attestation of one request; thread CPU added to ns[0] (forecast) and ns[1] (signed answer). */
    public byte[][] run(String body, long[] ns) {
        JsonObject req = new JsonObject(body);
        long t0 = mx.getCurrentThreadCpuTime();
        ForecastEngine.Outcome o = engine.vote(req, energy);
        long t1 = mx.getCurrentThreadCpuTime();
        SignedForecast sf = SignedForecast.of(o, key, "0x0");
        byte[] bytes = sf.body().getBytes();
        long t2 = mx.getCurrentThreadCpuTime();
        ns[0] += t1 - t0;
        ns[1] += t2 - t1;
        return new byte[][]{bytes, sf.attestation().getBytes(java.nio.charset.StandardCharsets.UTF_8)};
    }
}
