package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.JsonObject;
import org.neuroracle.daoserver.ExplicitInputSchema;
import org.neuroracle.daoserver.ForecastServiceEngine;
import org.neuroracle.daoserver.ServerConfig;
import org.neuroracle.daoserver.answer.ForecastPipeline;
import org.neuroracle.forecast.service.VoteQuery;

import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Answers on-chain requests through the service's {@link ForecastPipeline}, so an oracle answer and an HTTP answer
 * for the same canonical input carry the same forecast. Vote requests by (governor, proposalId) are built from the
 * chain by {@link GovernorReader}; explicit inputs must pass {@link ExplicitInputSchema}. The bounds (body size cap,
 * max votes, max series days) are those of the service's {@link ServerConfig}: {@code oracle node} loads it as
 * {@code serve} does, so a node refuses what the running service refuses.
 */
public final class ForecastAnswerer implements OracleAnswerer {

    private final ForecastServiceEngine engine;
    private final ForecastPipeline pipeline;
    private final long chainId;
    private final int maxVotes;
    private final int maxSeriesDays;
    private final Map<String, String> kinds = new HashMap<>();
    private final ExplicitInputSchema schema;

    /** With the bounds of the service configuration {@code bounds} (maxBodyBytes, maxVotes, maxSeriesDays). */
    public ForecastAnswerer(ForecastServiceEngine engine, long chainId, ServerConfig bounds) {
        this.engine = engine;
        this.pipeline = engine.pipeline();
        this.chainId = chainId;
        this.maxVotes = bounds.maxVotes();
        this.maxSeriesDays = bounds.maxSeriesDays();
        this.schema = new ExplicitInputSchema(bounds);
        engine.models().forEach(m -> {
            JsonObject o = (JsonObject) m;
            kinds.put(o.getString("modelId").toLowerCase(), o.getString("kind"));
        });
    }

    /** With the bundled models, on the cpu backend. */
    public static ForecastAnswerer bundled(long chainId) {
        return bundled(chainId, ServerConfig.defaults());
    }

    /** With the bundled models on the named backend ({@code cpu}, {@code opencl}, ...): the same bytes, other hardware. */
    public static ForecastAnswerer bundled(long chainId, String backend) {
        return new ForecastAnswerer(new ForecastServiceEngine(org.neuroracle.forecast.service.ForecastService.bundled().withBackend(backend)),
                chainId, ServerConfig.defaults());
    }

    /** With the bundled models, on the cpu backend, under the service configuration's bounds. */
    public static ForecastAnswerer bundled(long chainId, ServerConfig bounds) {
        return new ForecastAnswerer(ForecastServiceEngine.bundled(), chainId, bounds);
    }

    /** Registered as answerer {@code forecast}. */
    public static final class Provider implements OracleAnswererProvider {
        @Override public String name() { return "forecast"; }

        @Override public String description() { return "the bundled forecast models (vote requests by proposal id, explicit JSON inputs)"; }

        @Override public OracleAnswerer create(long chainId) { return create(chainId, ServerConfig.defaults()); }

        @Override public OracleAnswerer create(long chainId, ServerConfig bounds) {
            try {
                return bundled(chainId, bounds);
            } catch (IllegalStateException e) {
                throw new OracleException("answerer forecast: no forecast models could be loaded: " + e.getMessage());
            }
        }
    }

    @Override public String kind(byte[] modelId) { return kinds.get(HexFormat.of().formatHex(modelId)); }

    @Override public Answer answer(ForecastRequest r, ChainReader chain) throws IOException {
        String id = HexFormat.of().formatHex(r.modelId());
        String kind = kinds.get(id);
        if (kind == null) throw new IllegalArgumentException("modelId: no model " + id + " is loaded; loaded: " + kinds.keySet());
        return switch (r.kind()) {
            case ForecastRequest.KIND_VOTE -> {
                if (!kind.equals("vote")) throw new IllegalArgumentException("modelId: " + id + " is a " + kind + " model, the request asks for a vote forecast");
                chain.checkPinnedHash(r.asOfBlockHash());
                NeuroOracleAbi.VoteSubject s = NeuroOracleAbi.voteSubject(r.subject());
                VoteQuery q = GovernorReader.read(chain, chainId, s.governor(), s.proposalId(), maxVotes);
                ForecastPipeline.VoteResult v = pipeline.vote(id, q, r.asOfBlock(), p -> false); // attested bytes only: no energy
                yield new Answer(HexFormat.of().parseHex(v.forecast().inputHash()), v.outputBytes());
            }
            case ForecastRequest.KIND_TREASURY -> {
                if (!kind.equals("treasury")) throw new IllegalArgumentException("modelId: " + id + " is a " + kind + " model, the request asks for a treasury forecast");
                chain.checkPinnedHash(r.asOfBlockHash());
                NeuroOracleAbi.TreasurySubject s = NeuroOracleAbi.treasurySubject(r.subject());
                var q = TreasuryReader.read(chain, chainId, s.treasury(), s.tokens(), maxSeriesDays, 0);
                ForecastPipeline.TreasuryResult t = pipeline.treasury(id, q, r.asOfBlock(), p -> false);
                yield new Answer(HexFormat.of().parseHex(t.forecast().inputHash()), t.outputBytes());
            }
            case ForecastRequest.KIND_EXPLICIT -> {
                JsonObject request = schema.validate(kind, r.subject());
                request.put("modelId", id);
                byte[] out;
                try {
                    out = (kind.equals("vote") ? engine.vote(request, p -> false) : engine.treasury(request, p -> false)).outputBytes();
                } catch (NullPointerException | ClassCastException e) {
                    throw new IllegalArgumentException("input: a required field is missing or has the wrong type (" + e + ")");
                }
                // The contract checks the explicit input's hash against the one it computed: sha256 of the bytes sent.
                yield new Answer(r.inputHash(), out);
            }
            default -> throw new IllegalArgumentException("kind: request kind " + r.kindName() + " is not supported by this node");
        };
    }

}
