package org.neuroracle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.synth.GovernanceSynth;
import org.neuroracle.forecast.synth.PrivacyBudget;
import org.neuroracle.forecast.synth.TreasurySynth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Generate seeded synthetic governance or treasury data in the canonical formats.",
                "--fit DIR fits the generator's statistics to canonical data first; --epsilon E releases those statistics with",
                "epsilon-differential privacy: governance with the VOTER as the unit (each voter bounded to --max-proposals-per-voter proposals),",
                "treasury with the day as the unit; discrete Laplace noise from a SecureRandom on clipped, gridded sums; budget split evenly;",
                "the ledger is written to synth-stats.json."})
final class SynthCommand implements Callable<Integer> {
    @Option(names = "--kind", required = true, paramLabel = "governance|treasury", description = "What to generate.")
    String kind;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--fit", paramLabel = "DIR", description = "Canonical data to fit the statistics to (default: built-in statistics).")
    Path fit;

    @Option(names = "--epsilon", defaultValue = "0", description = "Total privacy budget for the fitted statistics; 0 = no privacy (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--max-proposals-per-voter", defaultValue = "8", description = "Governance with --epsilon: each voter counts in at most this many proposals (default: ${DEFAULT-VALUE}).")
    int maxProposalsPerVoter;

    @Option(names = "--proposals", defaultValue = "200", description = "Governance: proposals to generate (default: ${DEFAULT-VALUE}).")
    int proposals;

    @Option(names = "--days", defaultValue = "730", description = "Treasury: days to generate (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--dao", defaultValue = "synthetic", description = "DAO (governance) or asset (treasury) name (default: ${DEFAULT-VALUE}).")
    String name;

    @Override public Integer call() throws IOException {
        OutputPaths.folder(out, "--out");
        if (epsilon < 0 || !Double.isFinite(epsilon)) throw new IllegalArgumentException("--epsilon must be a finite number >= 0 (0 = no privacy), got " + epsilon);
        if (epsilon > 0 && fit == null) throw new IllegalArgumentException("--epsilon needs --fit DIR (privacy protects fitted statistics)");
        Map<String, Object> stats = new LinkedHashMap<>();
        switch (kind) {
            case "governance" -> {
                if (proposals < 1 || proposals > 1_000_000) throw new IllegalArgumentException("--proposals must be 1..1000000");
                if (maxProposalsPerVoter < 1) throw new IllegalArgumentException("--max-proposals-per-voter must be >= 1, got " + maxProposalsPerVoter);
                PrivacyBudget dp = new PrivacyBudget(epsilon, GovernanceSynth.RELEASES);
                GovernanceSynth.Stats s = fit == null ? GovernanceSynth.Stats.defaults() : GovernanceSynth.fit(GovernanceData.read(fit), dp, maxProposalsPerVoter);
                GovernanceData d = GovernanceSynth.generate(s, name, proposals, seed);
                d.write(out);
                stats.put("statistics", s);
                stats.put("privacy", Map.of("unit", "voter", "max_proposals_per_voter", maxProposalsPerVoter, "epsilon_total", dp.total(), "epsilon_spent", dp.spent(), "ledger", dp.ledger()));
                System.out.printf("wrote %d proposals and %d votes -> %s%n", d.proposals().size(), d.votes().size(), out);
            }
            case "treasury" -> {
                if (days < 28 || days > 100_000) throw new IllegalArgumentException("--days must be 28..100000");
                PrivacyBudget dp = new PrivacyBudget(epsilon, TreasurySynth.RELEASES);
                TreasurySynth.Stats s = fit == null ? TreasurySynth.Stats.defaults() : TreasurySynth.fit(TreasuryData.read(fit), dp);
                TreasuryData d = TreasurySynth.generate(s, name, LocalDate.of(2022, 1, 1), days, seed);
                d.write(out);
                stats.put("statistics", s);
                stats.put("privacy", Map.of("unit", "day", "epsilon_total", dp.total(), "epsilon_spent", dp.spent(), "ledger", dp.ledger()));
                System.out.printf("wrote %d treasury days -> %s%n", d.rows().size(), out.resolve(TreasuryData.FILE));
            }
            default -> throw new IllegalArgumentException("--kind must be governance or treasury, got " + kind);
        }
        Files.createDirectories(out);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("synth-stats.json").toFile(), stats);
        System.out.printf("privacy: epsilon spent %s of %s; statistics and ledger in %s%n", ((Map<?, ?>) stats.get("privacy")).get("epsilon_spent"),
                ((Map<?, ?>) stats.get("privacy")).get("epsilon_total"), out.resolve("synth-stats.json"));
        return 0;
    }
}
