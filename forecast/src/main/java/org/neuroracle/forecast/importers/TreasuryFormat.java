package org.neuroracle.forecast.importers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The treasury formats {@code neuroracle data import --format} understands; each becomes canonical {@code treasury.csv}. */
public enum TreasuryFormat {
    /** Axie Infinity cumulative revenue ({@code ;}-separated); daily flows are first differences. */
    AXIE_REVENUE,
    /** Decentraland DAO's daily wallet snapshots ({@code balances_history.csv}); flows are balance changes of the DAO as a whole. */
    DECENTRALAND_BALANCES,
    /** Decentraland DAO's trailing 30-day income and expense totals in USD; 30-day periods. */
    DECENTRALAND_INCOME_EXPENSES,
    /** Cardano's treasury per 5-day epoch (BEACNpool {@code epoch_treasury_fees.csv}); 5-day periods. */
    CARDANO_EPOCHS;

    public String id() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    public static List<String> ids() { return Arrays.stream(values()).map(TreasuryFormat::id).toList(); }

    /** The format with this id, or null when the id names no treasury format (it may be a governance one). */
    public static TreasuryFormat find(String id) {
        for (TreasuryFormat f : values()) if (f.id().equals(id)) return f;
        return null;
    }

    public TreasuryImport read(Path in) {
        return switch (this) {
            case AXIE_REVENUE -> new TreasuryImport(new AxieTreasuryImporter().read(in), List.of());
            case DECENTRALAND_BALANCES -> new DecentralandBalancesImporter().read(in);
            case DECENTRALAND_INCOME_EXPENSES -> new DecentralandIncomeImporter().read(in);
            case CARDANO_EPOCHS -> new CardanoEpochImporter().read(in);
        };
    }
}
