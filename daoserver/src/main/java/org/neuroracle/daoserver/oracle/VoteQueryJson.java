package org.neuroracle.daoserver.oracle;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.forecast.service.VoteQuery;

/**
 * A chain-built {@link VoteQuery} as the HTTP API's explicit vote body, so the same chain state can be asked over
 * HTTP (the demo and the end-to-end test compare the two answers).
 */
public final class VoteQueryJson {
    private VoteQueryJson() {}

    public static JsonObject toJson(VoteQuery q) {
        JsonArray votes = new JsonArray();
        for (VoteQuery.VoteEvent v : q.votes()) {
            votes.add(new JsonObject().put("timestamp", v.timestamp()).put("voter", v.voter()).put("choice", v.choice())
                    .put("weight", v.weight()));
        }
        JsonObject o = new JsonObject().put("dao", q.dao()).put("proposalId", q.proposalId()).put("voteStart", q.voteStart())
                .put("voteEnd", q.voteEnd()).put("asOf", q.asOf()).put("votes", votes);
        if (q.quorum() != null) o.put("quorum", q.quorum());
        return o;
    }
}
