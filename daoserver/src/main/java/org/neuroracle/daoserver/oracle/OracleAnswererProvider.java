package org.neuroracle.daoserver.oracle;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Makes an {@link OracleAnswerer} available to {@code neuroracle oracle node --answerer NAME}. Registered through
 * {@code META-INF/services/org.neuroracle.daoserver.oracle.OracleAnswererProvider}; the service module registers
 * the forecast service's answerer as {@code forecast}.
 */
public interface OracleAnswererProvider {
    String name();

    String description();

    OracleAnswerer create(long chainId);

    /**
     * With the HTTP service's configured bounds (body size cap, max votes, max series days), so explicit inputs are
     * held to what the running service accepts; answerers without such bounds ignore them.
     */
    default OracleAnswerer create(long chainId, org.neuroracle.daoserver.ServerConfig bounds) { return create(chainId); }

    static List<OracleAnswererProvider> available() {
        return ServiceLoader.load(OracleAnswererProvider.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The provider with that name; the error lists the names there are. */
    static OracleAnswererProvider byName(String name) {
        List<OracleAnswererProvider> all = available();
        return all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "answerer: no answerer named '" + name + "' on the classpath; available: "
                        + (all.isEmpty() ? "none" : String.join(", ", all.stream().map(OracleAnswererProvider::name).toList()))));
    }
}
