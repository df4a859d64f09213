package org.neuroracle.cli;

import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.train.TreasuryTraining;
import org.neuroracle.forecast.train.VoteTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a spiking forecaster (fixed-point reservoir, ND4J-fitted readouts) and write it as one content-addressed model file <kind>-<sha256>.nrm.",
        subcommands = {TrainCommand.Vote.class, TrainCommand.Treasury.class, TrainCommand.TreasuryEnsembleCmd.class})
public final class TrainCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "vote", mixinStandardHelpOptions = true, description = "Train the vote forecaster on canonical governance data.")
    static final class Vote implements Callable<Integer> {
        @Option(names = "--data", required = true, split = ",", paramLabel = "DIR", description = "Canonical governance data folder(s), comma-separated or repeated; merged.")
        List<Path> data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the model file into.")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Reservoir seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", defaultValue = "0", description = "Feature-extraction threads; 0 = all cores (default: ${DEFAULT-VALUE}).")
        int threads;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            var m = VoteTraining.train(EvalCommand.readAll(data), seed, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
            ModelArtifact.Loaded l = ModelArtifact.write(m, out);
            System.out.println("modelId " + l.modelId());
            System.out.println("wrote " + out.resolve("vote-" + l.modelId() + ".nrm") + " (" + l.bytes().length + " bytes); training " + m.training() + "; " + m.metrics());
            return 0;
        }
    }

    @Command(name = "treasury", mixinStandardHelpOptions = true, description = "Train the treasury forecaster on canonical treasury data (every asset's series).")
    static final class Treasury implements Callable<Integer> {
        @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder with canonical treasury.csv (or the file).")
        Path data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the model file into.")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Reservoir seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            var m = TreasuryTraining.train(org.neuroracle.forecast.data.TreasuryData.read(data), seed, Long.MAX_VALUE);
            ModelArtifact.Loaded l = ModelArtifact.write(m, out);
            System.out.println("modelId " + l.modelId());
            System.out.println("wrote " + out.resolve("treasury-" + l.modelId() + ".nrm") + " (" + l.bytes().length + " bytes); training " + m.training() + "; " + m.metrics());
            return 0;
        }
    }

    @Command(name = "treasury-ensemble", mixinStandardHelpOptions = true,
            description = {"Write the treasury combination model (no network): the median (or another strategy) of the baseline and",
                    "median-type methods, each refitted on the query's own history. Nothing is fitted here: the strategy and windows",
                    "are the model; see `eval treasury --variants` for how they compare."})
    static final class TreasuryEnsembleCmd implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the model file into.")
        Path out;

        @Option(names = "--strategy", defaultValue = "median", description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                completionCandidates = Strategies.class)
        String strategy;

        @Option(names = "--backtest-days", defaultValue = "180", description = "Backtest window that weighs the candidates (default: ${DEFAULT-VALUE}).")
        int backtestDays;

        @Option(names = "--interval-days", defaultValue = "365", description = "Backtest window whose errors give the 10/90% bounds (default: ${DEFAULT-VALUE}).")
        int intervalDays;

        @Option(names = "--chosen-on", defaultValue = "", description = "What the strategy was chosen on, recorded in the model's training summary.")
        String chosenOn;

        @Option(names = "--interval", defaultValue = "log1p", description = "10/90%% bounds: log1p (backtest-error percentiles) or tracker (quantile trackers; default: ${DEFAULT-VALUE}).")
        String interval;

        @Option(names = "--tracker-step", defaultValue = "0", description = "The trackers' step as a share of the mean absolute log1p backtest error (tracker only).")
        double trackerStep;

        @Option(names = "--extended", description = "Candidates: the 9 methods, holt_log and trend_log_120d (FlowMethods.EXTENDED) instead of the 9.")
        boolean extended;

        @Option(names = "--half-life-days", defaultValue = "0", description = "median_gate: half-life of the backtest-error weights, in days.")
        int halfLifeDays;

        @Option(names = "--gate-ratio", defaultValue = "0", description = "median_gate: the best candidate replaces the median when its weighted backtest error is below this share of the median's.")
        double gateRatio;

        static final class Strategies extends java.util.ArrayList<String> {
            Strategies() { super(org.neuroracle.forecast.model.TreasuryEnsemble.STRATEGIES); }
        }

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            var e = new org.neuroracle.forecast.model.TreasuryEnsemble(extended ? org.neuroracle.forecast.model.FlowMethods.EXTENDED : org.neuroracle.forecast.model.FlowMethods.ALL,
                    strategy, backtestDays, intervalDays, interval, trackerStep, halfLifeDays, gateRatio);
            java.util.Map<String, String> training = new java.util.LinkedHashMap<>();
            training.put("fitted", "per query, on the query's own history (no global parameters)");
            if (!chosenOn.isBlank()) training.put("strategy_chosen_on", chosenOn);
            var m = new org.neuroracle.forecast.model.TreasuryEnsembleModel("treasury combination: " + strategy
                    + (strategy.equals("median_gate") ? " (half-life " + halfLifeDays + " d, ratio " + gateRatio + ")" : "") + " of " + e.candidates().size()
                    + " methods (" + String.join(", ", e.candidates()) + "), 10/90% bounds from " + intervalDays + " days of backtest errors"
                    + (interval.equals("tracker") ? " by quantile trackers (step " + trackerStep + ")" : ""),
                    e, new int[]{1, 7, 30}, training, java.util.Map.of());
            ModelArtifact.Loaded l = ModelArtifact.write(m, out);
            System.out.println("modelId " + l.modelId());
            System.out.println("wrote " + out.resolve(m.kind() + "-" + l.modelId() + ".nrm") + " (" + l.bytes().length + " bytes)");
            return 0;
        }
    }
}
