package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;

/** {@code POST /v1/simulations}: runs a bounded network file on a backend. */
final class Simulations {
    private final ServerConfig config;

    Simulations(ServerConfig config) { this.config = config; }

    JsonObject run(JsonObject request) {
        throw Problem.unavailable("simulations need the cpu backend (maxSimSteps " + config.maxSimSteps() + ")");
    }
}
