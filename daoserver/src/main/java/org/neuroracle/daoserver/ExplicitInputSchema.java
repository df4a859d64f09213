package org.neuroracle.daoserver;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * The HTTP contract's body checks for inputs that arrive another way (explicit on-chain requests): the same
 * compiled schemas as {@code POST /v1/forecasts/vote} and {@code /treasury} (decimal patterns without exponents,
 * vote count bound), and the same body size cap. Only explicit shapes are accepted (an indexed {dao, proposalId}
 * body names data only this node's index has).
 */
public final class ExplicitInputSchema {
    private final BodyValidators bodies;
    private final int maxBodyBytes;

    public ExplicitInputSchema(ServerConfig config) {
        this.bodies = new BodyValidators(Contract.forValidator(Contract.load(config)), config.maxVotes(), "forecastVote", "forecastTreasury");
        this.maxBodyBytes = config.maxBodyBytes();
    }

    public static ExplicitInputSchema defaults() { return new ExplicitInputSchema(ServerConfig.defaults()); }

    /**
     * The input as a contract-valid JSON object of the given kind ("vote" or "treasury").
     *
     * @throws IllegalArgumentException naming the field when the input breaks the contract
     */
    public JsonObject validate(String kind, byte[] input) {
        if (input.length > maxBodyBytes) throw new IllegalArgumentException("input: " + input.length + " bytes, at most " + maxBodyBytes);
        JsonObject body;
        try {
            body = bodies.validate(kind.equals("vote") ? "forecastVote" : "forecastTreasury", "application/json", Buffer.buffer(input));
        } catch (Problem p) {
            String m = p.getMessage();
            throw new IllegalArgumentException(p.field() == null || m.startsWith(p.field() + ":") ? m : p.field() + ": " + m, p);
        }
        String needed = kind.equals("vote") ? "votes" : "series";
        if (!body.containsKey(needed)) throw new IllegalArgumentException(needed + ": an explicit input must carry its " + needed);
        return body;
    }
}
