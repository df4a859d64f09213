package org.neuroracle.cli;

import org.neuroracle.forecast.synth.AugmentationExperiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "synth-augment", mixinStandardHelpOptions = true,
        description = {"Does voter-level DP synthetic data help DAOs with little history? Per DAO: train a logistic regression on early-tally",
                "features of its first --history proposals (alone, plus synthetic data fitted on its own history, plus synthetic data fitted on",
                "all other DAOs), test on its later proposals; held-out Brier against the history's base rate."})
final class AugmentCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, split = ",", paramLabel = "DIR", description = "Canonical governance data folder(s), merged.")
    List<Path> data;

    @Option(names = "--epsilon", defaultValue = "1.0", description = "Total epsilon per synthetic release (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--history", defaultValue = "10", description = "Proposals of history per DAO (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--min-proposals", defaultValue = "30", description = "DAOs with at least this many usable proposals (default: ${DEFAULT-VALUE}).")
    int minProposals;

    @Option(names = "--checkpoint", defaultValue = "0.25", description = "Fraction of the voting window observed (default: ${DEFAULT-VALUE}).")
    double checkpoint;

    @Option(names = "--repeats", defaultValue = "5", description = "Noise draws per DAO (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Override public Integer call() {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) throw new IllegalArgumentException("--epsilon must be a finite number > 0, got " + epsilon);
        if (!(checkpoint > 0 && checkpoint < 1)) throw new IllegalArgumentException("--checkpoint: a fraction of the voting window in (0, 1), got " + checkpoint);
        if (repeats < 1 || repeats > 100) throw new IllegalArgumentException("--repeats: must be 1..100, got " + repeats);
        if (history < 3 || history >= minProposals) throw new IllegalArgumentException("--history must be 3..min-proposals-1");
        var c = new AugmentationExperiment.Config(minProposals, history, checkpoint, epsilon, 8, 200, 0.25, repeats);
        var rs = AugmentationExperiment.run(EvalCommand.readAll(data), c);
        System.out.printf(Locale.ROOT, "epsilon %.2f (voter-level, 8 proposals per voter), %d history proposals, checkpoint %.0f%%, 200 synthetic proposals at weight 0.25, %d draws%n",
                epsilon, history, checkpoint * 100, repeats);
        System.out.println("| DAO | history | test | base rate | logistic (own) | + synthetic (own, DP) | + synthetic (other DAOs, DP) |");
        System.out.println("|---|---|---|---|---|---|---|");
        double[] sum = new double[4];
        for (var r : rs) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.4f | %.4f | %.4f | %.4f |%n", r.dao(), r.history(), r.test(), r.baseRate(), r.own(), r.augmentedOwn(), r.augmentedPooled());
            sum[0] += r.baseRate(); sum[1] += r.own(); sum[2] += r.augmentedOwn(); sum[3] += r.augmentedPooled();
        }
        if (!rs.isEmpty())
            System.out.printf(Locale.ROOT, "| mean over %d DAOs | | | %.4f | %.4f | %.4f | %.4f |%n", rs.size(), sum[0] / rs.size(), sum[1] / rs.size(), sum[2] / rs.size(), sum[3] / rs.size());
        return 0;
    }
}
