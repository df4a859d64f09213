package org.neuroracle.forecast.importers;

import java.math.BigDecimal;

/**
 * Importer settings: {@code dao} overrides the DAO name written to the canonical files; {@code quorum} (tokens)
 * overrides the format's quorum rule; {@code decimals} of the voting token (18 for COMP, AAVE, ...);
 * {@code voteDurationSeconds} is Aragon's initial voteTime (its logs carry no end; {@code ChangeVoteTime} events and
 * {@code params} override it from where they apply); {@code params} are the governance parameters a log does not
 * carry ({@code --params FILE}).
 */
public record ImportOptions(String dao, BigDecimal quorum, int decimals, long voteDurationSeconds, GovernanceParams params) {
    /** Integer digits a quorum in tokens may have (a uint256 has 78 in base units; no token supply needs more). */
    public static final int MAX_QUORUM_DIGITS = 60;

    public ImportOptions {
        if (decimals < 0 || decimals > 36) throw new IllegalArgumentException("decimals: must be 0..36, got " + decimals);
        if (voteDurationSeconds <= 0) throw new IllegalArgumentException("vote-duration: must be positive seconds, got " + voteDurationSeconds);
        if (quorum != null && quorum.signum() < 0) throw new IllegalArgumentException("quorum: must not be negative");
        // Checked on precision and scale, before any digit is written out: 1e5000000 would be five million digits per row.
        if (quorum != null && quorum.signum() > 0 && ((long) quorum.precision() - quorum.scale() > MAX_QUORUM_DIGITS || quorum.scale() > 36))
            throw new IllegalArgumentException("quorum: at most " + MAX_QUORUM_DIGITS + " integer and 36 fractional digits of tokens, got " + quorum.precision()
                    + " significant digits at scale " + quorum.scale());
        if (params == null) params = GovernanceParams.none();
        if (dao == null && params.dao() != null) dao = params.dao();
    }

    public ImportOptions(String dao, BigDecimal quorum, int decimals, long voteDurationSeconds) {
        this(dao, quorum, decimals, voteDurationSeconds, GovernanceParams.none());
    }

    public static ImportOptions defaults() { return new ImportOptions(null, null, 18, 7 * 86_400L); }
}
