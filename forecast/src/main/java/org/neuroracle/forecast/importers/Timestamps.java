package org.neuroracle.forecast.importers;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Log timestamps: ISO date-times (UTC when no zone is given, as in the bhemen/dao-governance exports) or unix seconds/ms. */
final class Timestamps {
    private Timestamps() {}

    static long parse(String s) {
        String t = s.strip();
        if (t.matches("\\d+(\\.0+)?")) {
            long v = Long.parseLong(t.contains(".") ? t.substring(0, t.indexOf('.')) : t);
            return v > 100_000_000_000L ? v / 1000 : v; // milliseconds when too large for seconds
        }
        try {
            return OffsetDateTime.parse(t).toEpochSecond();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return Instant.parse(t).getEpochSecond();
            }
        }
    }
}
