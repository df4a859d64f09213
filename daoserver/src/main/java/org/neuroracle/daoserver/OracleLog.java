package org.neuroracle.daoserver;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Read-only view of the oracle node's request log, for the dashboard ({@code GET /v1/oracle/requests}).
 * The service calls {@link #recent} on a worker thread, so an implementation may block (JDBC, RPC).
 * The real implementation lives with the oracle node and is found through {@link Provider} with
 * {@link ServiceLoader}; without one the log is empty.
 */
public interface OracleLog {
    /** The newest {@code limit} entries, newest first; {@code limit} is 1..1000. */
    List<OracleLogEntry> recent(int limit);

    /** The log of a node that runs no oracle. */
    static OracleLog empty() { return limit -> List.of(); }

    /** Registered in {@code META-INF/services/org.neuroracle.daoserver.OracleLog$Provider}. */
    interface Provider {
        /** Opens the log kept under the service's data directory (the same one as the journal and node key). */
        OracleLog open(Path dataDir);
    }

    /** The first registered provider's log, or {@link #empty()} when none is on the class path. */
    static OracleLog discover(Path dataDir) {
        for (Provider p : ServiceLoader.load(Provider.class)) return p.open(dataDir);
        return empty();
    }
}
