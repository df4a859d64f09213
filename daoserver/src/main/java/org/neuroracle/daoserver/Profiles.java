package org.neuroracle.daoserver;

import io.vertx.core.json.JsonObject;

/** {@code GET /v1/profiles}: the bundled hardware profiles (module hardware-profiles). */
final class Profiles {
    private Profiles() {}

    static JsonObject list() {
        throw Problem.unavailable("hardware profiles are not in this build yet");
    }
}
