package org.neuroracle.daoserver.oracle;

import org.neuroracle.daoserver.OracleLog;
import org.neuroracle.daoserver.OracleLogEntry;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * The dashboard's view ({@link OracleLog}) of the oracle node's SQLite log, {@code <dataDir>/oracle.db}: the file
 * {@code neuroracle oracle node} writes by default. Registered as the {@link OracleLog.Provider}.
 */
public final class StoredOracleLog implements OracleLog, AutoCloseable {
    public static final String FILE_NAME = "oracle.db";

    private final OracleStore store;

    public StoredOracleLog(Path databaseFile) {
        this.store = new OracleStore(databaseFile, "*");
    }

    /** Found by {@link OracleLog#discover} through ServiceLoader. */
    public static final class Provider implements OracleLog.Provider {
        @Override public OracleLog open(Path dataDir) { return new StoredOracleLog(dataDir.resolve(FILE_NAME)); }
    }

    @Override public List<OracleLogEntry> recent(int limit) {
        try {
            return store.recent(limit).stream().map(StoredOracleLog::entry).toList();
        } catch (SQLException e) {
            throw new OracleException("reading the oracle log: " + e.getMessage(), e);
        }
    }

    static OracleLogEntry entry(OracleStore.Entry e) {
        return new OracleLogEntry(e.requestId(), e.kind() == null ? "unknown" : e.kind(), e.requester(), status(e),
                e.blockNumber(), e.requestedAtEpochS() == null ? 0 : e.requestedAtEpochS(), e.fulfilledAtEpochS(),
                e.attestation(), e.fulfilTxHash(), e.detail() == null ? "" : e.detail(), e.dao());
    }

    /** The dashboard's five states from the node's finer ones. */
    static String status(OracleStore.Entry e) {
        OracleStore.LogStatus s = OracleStore.LogStatus.valueOf(e.status());
        return switch (s) {
            case NEW, RETRY, SENT -> "requested";
            case FULFILLED, ALREADY_DONE, DUPLICATE -> e.finalised() ? "finalised" : "fulfilled";
            case EXPIRED -> "expired";
            case REJECTED, FAILED -> "failed";
        };
    }

    @Override public void close() { store.close(); }
}
