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

        @Option(names = "--dao-recalibration", defaultValue = "20", paramLabel = "N|cv", converter = PseudoCount.class,
                description = "Pseudo-count of the online per-DAO recalibration stored in the model; 0 = none; cv = chosen by nested leave-DAO-out on the training data (default: ${DEFAULT-VALUE}).")
        int recalibration;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            if (threads < 0) throw new IllegalArgumentException("--threads: must be >= 0 (0 = all cores), got " + threads);
            var m = VoteTraining.train(EvalCommand.readAll(data), seed, threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                    org.neuroracle.forecast.train.VoteTrainer.Config.defaults().withRecalibration(recalibration));
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

        @Option(names = "--interval-days", defaultValue = "365", description = "Backtest window whose errors give the 10/90%% bounds (default: ${DEFAULT-VALUE}).")
        int intervalDays;

        @Option(names = "--chosen-on", defaultValue = "", description = "What the strategy was chosen on, recorded in the model's training summary.")
        String chosenOn;

        @Option(names = "--interval", defaultValue = "log1p", description = "10/90%% bounds: log1p (backtest-error percentiles), tracker (quantile trackers), balanced_tracker (trackers sharing the 20%% miss budget) or conformal (split-conformal over --conformal-days; default: ${DEFAULT-VALUE}).")
        String interval;

        @Option(names = "--tracker-step", defaultValue = "0", description = "The trackers' step as a share of the mean absolute log1p backtest error (tracker only).")
        double trackerStep;

        @Option(names = "--extended", description = "Candidates: the 9 methods, holt_log and trend_log_120d (FlowMethods.EXTENDED) instead of the 9.")
        boolean extended;

        @Option(names = "--half-life-days", defaultValue = "0", description = "median_gate: half-life of the backtest-error weights, in days.")
        int halfLifeDays;

        @Option(names = "--conformal-days", defaultValue = "0", description = "conformal: how many days of past residuals give the bounds (7..--interval-days).")
        int conformalDays;

        @Option(names = "--conformal-half-life-days", defaultValue = "0", description = "conformal: half-life of the residual weights in days; 0 = equal weights.")
        int conformalHalfLifeDays;

        @Option(names = "--gate-ratio", defaultValue = "0", description = "median_gate: the best candidate replaces the median when its weighted backtest error is below this share of the median's.")
        double gateRatio;

        @Option(names = "--fallbacks-from", paramLabel = "METRICS_JSON", description = "metrics.json of an `eval treasury` run: where its per-cell rule 'fallback' (chosen on the first half of origins only) names a baseline, that baseline answers the matching dao:asset, flow and horizon instead of the ensemble.")
        Path fallbacksFrom;

        /** The per-cell fallback choices of an eval's metrics.json that are not the ensemble: "dcl:MANA outflow 30d" -> "croston". */
        static java.util.Map<String, String> fallbacks(Path metrics) {
            try {
                return org.neuroracle.forecast.eval.TreasuryPerCell.servedFallbacks(metrics);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--fallbacks-from: " + e.getMessage(), e);
            }
        }

        static final class Strategies extends java.util.ArrayList<String> {
            Strategies() { super(org.neuroracle.forecast.model.TreasuryEnsemble.STRATEGIES); }
        }

        /**
         * The options' own checks, before the artifact record sees them, so an error names the option the user typed
         * (the record would name its field, e.g. {@code ensemble.halfLifeDays}).
         */
        void validate() {
            var strategies = org.neuroracle.forecast.model.TreasuryEnsemble.STRATEGIES;
            var intervals = org.neuroracle.forecast.model.TreasuryEnsemble.INTERVALS;
            if (!strategies.contains(strategy)) throw new IllegalArgumentException("--strategy: one of " + String.join(", ", strategies) + ", got '" + strategy + "'");
            if (backtestDays < 7 || backtestDays > 3650) throw new IllegalArgumentException("--backtest-days: 7..3650, got " + backtestDays);
            if (intervalDays < 7 || intervalDays > 3650) throw new IllegalArgumentException("--interval-days: 7..3650, got " + intervalDays);
            if (!intervals.contains(interval)) throw new IllegalArgumentException("--interval: one of " + String.join(", ", intervals) + ", got '" + interval + "'");
            boolean log1p = interval.equals("log1p");
            if (log1p && trackerStep != 0) throw new IllegalArgumentException("--tracker-step: only with --interval tracker, balanced_tracker or conformal, got " + trackerStep);
            if (!log1p && !(trackerStep > 0 && trackerStep <= 1)) throw new IllegalArgumentException("--tracker-step: in (0, 1] with --interval " + interval + ", got " + trackerStep);
            boolean conformal = interval.equals("conformal");
            if (conformal && (conformalDays < 7 || conformalDays > intervalDays)) throw new IllegalArgumentException("--conformal-days: 7..--interval-days (" + intervalDays + ") with --interval conformal, got " + conformalDays);
            if (!conformal && conformalDays != 0) throw new IllegalArgumentException("--conformal-days: only with --interval conformal, got " + conformalDays);
            if (conformal && (conformalHalfLifeDays < 0 || conformalHalfLifeDays > 3650)) throw new IllegalArgumentException("--conformal-half-life-days: 0..3650, got " + conformalHalfLifeDays);
            if (!conformal && conformalHalfLifeDays != 0) throw new IllegalArgumentException("--conformal-half-life-days: only with --interval conformal, got " + conformalHalfLifeDays);
            boolean gate = strategy.equals("median_gate");
            if (gate && (halfLifeDays < 1 || halfLifeDays > 3650)) throw new IllegalArgumentException("--half-life-days: 1..3650 with --strategy median_gate, got " + halfLifeDays);
            if (!gate && halfLifeDays != 0) throw new IllegalArgumentException("--half-life-days: only with --strategy median_gate, got " + halfLifeDays);
            if (gate && !(gateRatio > 0 && gateRatio <= 1)) throw new IllegalArgumentException("--gate-ratio: in (0, 1] with --strategy median_gate, got " + gateRatio);
            if (!gate && gateRatio != 0) throw new IllegalArgumentException("--gate-ratio: only with --strategy median_gate, got " + gateRatio);
        }

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            validate();
            var e = new org.neuroracle.forecast.model.TreasuryEnsemble(extended ? org.neuroracle.forecast.model.FlowMethods.EXTENDED : org.neuroracle.forecast.model.FlowMethods.ALL,
                    strategy, backtestDays, intervalDays, interval, trackerStep, halfLifeDays, gateRatio, conformalDays, conformalHalfLifeDays);
            java.util.Map<String, String> training = new java.util.LinkedHashMap<>();
            training.put("fitted", "per query, on the query's own history (no global parameters)");
            if (!chosenOn.isBlank()) training.put("strategy_chosen_on", chosenOn);
            if (fallbacksFrom != null) training.put("fallbacks", "per series x flow x horizon: the first-half best baseline where the ensemble's first-half MAE was not below it (eval treasury per_cell.fallback)");
            var m = new org.neuroracle.forecast.model.TreasuryEnsembleModel("treasury combination: " + strategy
                    + (strategy.equals("median_gate") ? " (half-life " + halfLifeDays + " d, ratio " + gateRatio + ")" : "") + " of " + e.candidates().size()
                    + " methods (" + String.join(", ", e.candidates()) + "), 10/90% bounds from " + intervalDays + " days of backtest errors"
                    + (interval.equals("tracker") ? " by quantile trackers (step " + trackerStep + ")"
                    : interval.equals("balanced_tracker") ? " by balanced quantile trackers sharing the 20% miss budget (step " + trackerStep + ")"
                    : interval.equals("conformal") ? " by split-conformal offsets over " + conformalDays + " days (half-life " + conformalHalfLifeDays + " d; tracker with step " + trackerStep + " under " + org.neuroracle.forecast.model.TreasuryEnsemble.CONFORMAL_MIN_POINTS + " residuals)" : ""),
                    e, new int[]{1, 7, 30}, training, java.util.Map.of(), fallbacksFrom == null ? java.util.Map.of() : fallbacks(fallbacksFrom));
            ModelArtifact.Loaded l = ModelArtifact.write(m, out);
            System.out.println("modelId " + l.modelId());
            System.out.println("wrote " + out.resolve(m.kind() + "-" + l.modelId() + ".nrm") + " (" + l.bytes().length + " bytes)");
            return 0;
        }
    }
}
