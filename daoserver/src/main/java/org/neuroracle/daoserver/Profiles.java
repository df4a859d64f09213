package org.neuroracle.daoserver;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.neuroracle.hw.Fact;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.HardwareProfiles;
import org.neuroracle.hw.Quantity;

/** {@code GET /v1/profiles}: the bundled hardware profiles, every number with its unit, kind and source. */
final class Profiles {
    private Profiles() {}

    static JsonObject list() {
        JsonArray out = new JsonArray();
        for (HardwareProfile p : HardwareProfiles.bundled()) {
            JsonObject q = new JsonObject();
            for (Quantity v : p.quantities().values()) {
                JsonObject o = new JsonObject().put("value", Jsons.finite(v.value())).put("unit", v.unit())
                        .put("kind", v.kind().label()).put("source", v.source());
                if (v.boundary() != null) o.put("boundary", v.boundary().label());
                if (v.bound() != null && v.bound() != Quantity.Bound.EXACT) o.put("bound", v.bound().label());
                q.put(v.path(), o);
            }
            JsonObject f = new JsonObject();
            for (Fact v : p.facts().values())
                f.put(v.path(), new JsonObject().put("value", v.value()).put("kind", v.kind().label()).put("source", v.source()));
            out.add(new JsonObject().put("name", p.name()).put("displayName", p.displayName()).put("vendor", p.vendor())
                    .put("process", p.process()).put("description", p.description()).put("quantities", q).put("facts", f)
                    .put("notes", new JsonArray(p.notes())));
        }
        return new JsonObject().put("profiles", out);
    }
}
