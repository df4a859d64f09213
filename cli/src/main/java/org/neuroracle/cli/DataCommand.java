package org.neuroracle.cli;

import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.data.Outcome;
import org.neuroracle.forecast.data.TreasuryData;
import org.neuroracle.forecast.importers.GovernanceFormat;
import org.neuroracle.forecast.importers.GovernanceParams;
import org.neuroracle.forecast.importers.ImportOptions;
import org.neuroracle.forecast.importers.ImportResult;
import org.neuroracle.forecast.importers.TreasuryFormat;
import org.neuroracle.forecast.importers.TreasuryImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = "DAO data: import event logs and exports into the canonical CSV formats, or generate synthetic data.",
        subcommands = {DataCommand.Import.class, SynthCommand.class})
public final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import a governance log or export into canonical proposals.csv + votes.csv (or a treasury file into treasury.csv).",
                    "Governance formats: compound-bravo, compound-alpha, oz-governor, aave-v2, aragon (event-log CSVs), daostack (folder), snapshot (JSON),",
                    "decentraland-snapshot (folder with the Decentraland transparency proposals.csv and votes.csv).",
                    "Treasury formats: axie-revenue (cumulative revenue CSV; flows are first differences), decentraland-balances (daily wallet snapshots),",
                    "  decentraland-income-expenses (trailing 30-day USD totals -> 30-day periods), cardano-epochs (treasury per 5-day epoch).",
                    "Outcomes: cancelled; passed if queued/executed; defeated if the vote ended unqueued; else pending."})
    static final class Import implements Callable<Integer> {
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "compound-bravo|compound-alpha|oz-governor|aave-v2|aragon|daostack|snapshot|decentraland-snapshot|axie-revenue|decentraland-balances|decentraland-income-expenses|cardano-epochs")
        String format;

        @Option(names = "--in", required = true, paramLabel = "FILE", description = "Input file (daostack: the folder with proposals.csv and votes.csv).")
        Path in;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder for the canonical CSV files.")
        Path out;

        @Option(names = "--dao", paramLabel = "NAME", description = "DAO name to write (default: a known contract's name, else <format>-<contract address prefix>; daostack: the DAO's name; decentraland-snapshot: decentraland).")
        String dao;

        @Option(names = "--quorum", paramLabel = "TOKENS", description = "Quorum in tokens, overriding the data, --params and known contracts (Compound: 400000).")
        BigDecimal quorum;

        @Option(names = "--decimals", defaultValue = "18", description = "Decimals of the voting token (default: ${DEFAULT-VALUE}).")
        int decimals;

        @Option(names = "--vote-duration-s", defaultValue = "604800", description = "Aragon voteTime in seconds (its logs carry no end; default: ${DEFAULT-VALUE}).")
        long voteDurationS;

        @Option(names = "--params", paramLabel = "FILE", description = "Governance parameters (YAML: quorum, voting period, support required, each from a block or date); see forecast/examples/params.")
        Path params;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            TreasuryFormat tf = TreasuryFormat.find(format);
            if (tf != null) {
                TreasuryImport ti = tf.read(in);
                TreasuryData t = ti.data();
                t.write(out);
                System.out.printf("imported %d treasury rows (%s .. %s) -> %s%n", t.rows().size(), t.rows().getFirst().date(), t.rows().getLast().date(), out.resolve(TreasuryData.FILE));
                for (var e : t.byAsset().entrySet())
                    System.out.printf("  %s: %d rows, period %d day(s), %s .. %s%n", e.getKey(), e.getValue().size(), e.getValue().getFirst().periodDays(), e.getValue().getFirst().date(), e.getValue().getLast().date());
                for (String n : ti.notes()) System.out.println("note: " + n);
                return 0;
            }
            GovernanceFormat f;
            try {
                f = GovernanceFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + "; treasury: " + String.join(", ", TreasuryFormat.ids()), e);
            }
            ImportResult r = GovernanceFormat.run(f, in, new ImportOptions(dao, quorum, decimals, voteDurationS,
                    params == null ? GovernanceParams.none() : GovernanceParams.read(params)));
            GovernanceData d = r.data();
            d.write(out);
            long passed = d.proposals().stream().filter(p -> p.outcome() == Outcome.PASSED).count();
            long defeated = d.proposals().stream().filter(p -> p.outcome() == Outcome.DEFEATED).count();
            long cancelled = d.proposals().stream().filter(p -> p.outcome() == Outcome.CANCELLED).count();
            long pending = d.proposals().stream().filter(p -> p.outcome() == Outcome.PENDING).count();
            System.out.printf("read %d proposal and %d vote events from %s%n", r.proposalEvents(), r.voteEvents(), in);
            System.out.printf("wrote %d proposals (%d passed, %d defeated, %d cancelled, %d pending) and %d votes in %d DAO(s) -> %s%n",
                    d.proposals().size(), passed, defeated, cancelled, pending, d.votes().size(), d.daos().size(), out);
            for (String n : r.notes()) System.out.println("note: " + n);
            return 0;
        }
    }
}
