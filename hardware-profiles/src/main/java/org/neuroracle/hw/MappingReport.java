package org.neuroracle.hw;

import java.util.List;

/**
 * How a network fits one profile: cores and chips used (-1 when the profile does not publish enough to say),
 * every violated limit in words, and every limit that could not be checked because the profile does not publish it.
 */
public record MappingReport(String profile, long coresUsed, long chipsUsed, List<String> violations, List<String> unchecked) {
    public MappingReport {
        violations = List.copyOf(violations);
        unchecked = List.copyOf(unchecked);
    }

    public boolean fits() { return violations.isEmpty(); }
}
