package org.neuroracle.forecast.importers;

import org.neuroracle.forecast.data.TreasuryData;

import java.util.List;

/** What a treasury importer produced, with notes on what it dropped or assumed (printed by the CLI). */
public record TreasuryImport(TreasuryData data, List<String> notes) {
    public TreasuryImport { notes = List.copyOf(notes); }
}
