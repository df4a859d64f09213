package org.neuroracle.forecast.importers;

import java.util.Arrays;
import java.util.Locale;

/** The governance log formats {@code neuroracle data import --format} understands. */
public enum GovernanceFormat {
    COMPOUND_BRAVO, COMPOUND_ALPHA, OZ_GOVERNOR, AAVE_V2, ARAGON, DAOSTACK, SNAPSHOT, DECENTRALAND_SNAPSHOT;

    public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static GovernanceFormat parse(String s) {
        for (GovernanceFormat f : values()) if (f.id().equals(s)) return f;
        throw new IllegalArgumentException("--format: unknown format '" + s + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(GovernanceFormat::id).toList()));
    }

    public static ImportResult run(GovernanceFormat f, java.nio.file.Path in, ImportOptions o) {
        return switch (f) {
            case COMPOUND_BRAVO, COMPOUND_ALPHA, OZ_GOVERNOR, AAVE_V2, ARAGON -> new EventLogImporter(EventLogImporter.Dialect.of(f)).read(in, o);
            case DAOSTACK -> new DaostackImporter().read(in, o);
            case SNAPSHOT -> new SnapshotImporter().read(in, o);
            case DECENTRALAND_SNAPSHOT -> new DecentralandImporter().read(in, o);
        };
    }
}
