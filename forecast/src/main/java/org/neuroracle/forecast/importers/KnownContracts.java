package org.neuroracle.forecast.importers;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Governance contracts whose name and constant rules are known from the contract itself, keyed by address (lower
 * case). Only these get a DAO name and a quorum without {@code --dao} / {@code --params}: a log of any other
 * contract of the same family is never named after, or given the quorum of, one of these.
 */
final class KnownContracts {
    private KnownContracts() {}

    record Known(GovernanceFormat format, String dao, BigDecimal quorum, String source) {}

    private static final Map<String, Known> BY_ADDRESS = Map.of(
            // quorumVotes() returns the constant 400,000e18 in both contracts.
            "0xc0da01a04c3f3e0be433606045bb7017a7323e38", new Known(GovernanceFormat.COMPOUND_ALPHA, "compound-alpha", new BigDecimal("400000"), "GovernorAlpha.quorumVotes()"),
            "0xc0da02939e1441f497fd74f78ce7decb17b66529", new Known(GovernanceFormat.COMPOUND_BRAVO, "compound-bravo", new BigDecimal("400000"), "GovernorBravoDelegate.quorumVotes()"));

    static Known of(String address) {
        return address == null ? null : BY_ADDRESS.get(address.strip().toLowerCase(Locale.ROOT));
    }
}
