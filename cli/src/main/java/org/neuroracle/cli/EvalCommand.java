package org.neuroracle.cli;

import org.neuroracle.forecast.data.GovernanceData;
import org.neuroracle.forecast.eval.VoteEval;
import org.neuroracle.forecast.model.ModelArtifact;
import org.neuroracle.forecast.service.EnergyEstimator;
import org.neuroracle.forecast.service.ForecastService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a forecaster against baselines on rolling-origin and leave-one-DAO-out splits; writes predictions.csv, metrics.json, report.md and PNG plots.",
        subcommands = {EvalCommand.Vote.class, EvalCommand.Treasury.class, AugmentCommand.class})
public final class EvalCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    static GovernanceData readAll(List<Path> dirs) {
        return GovernanceData.readAll(dirs);
    }

    static ModelArtifact.Loaded model(Path file, String kind) {
        if (file != null) return ModelArtifact.read(file);
        return ForecastService.bundledArtifacts().stream().filter(a -> a.model().kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundled " + kind + " model; pass --model FILE"));
    }

    @Command(name = "vote", mixinStandardHelpOptions = true,
            description = {"Vote forecasts at 0/10/25/50/75%% of each voting window: the spiking model (readouts refitted per split on its fixed reservoir)",
                    "against base rate, current-tally rule and logistic regression on early tally features. Brier, log-loss, ROC-AUC, ECE, reliability plots, energy per forecast."})
    static final class Vote implements Callable<Integer> {
        @Option(names = "--model", paramLabel = "FILE", description = "Model artifact (.nrm); default: the bundled vote model.")
        Path model;

        @Option(names = "--data", required = true, split = ",", paramLabel = "DIR", description = "Canonical governance data folder(s), comma-separated or repeated; merged.")
        List<Path> data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Option(names = "--threads", defaultValue = "0", description = "Feature-extraction threads; 0 = all cores (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--calibration", defaultValue = "PROPOSAL_FOLDS", description = "Calibration map refitted per split: PROPOSAL_FOLDS (the served model's Platt map) or DAO_FOLDS (per checkpoint, DAO prior as offset, out-of-DAO; default: ${DEFAULT-VALUE}).")
        org.neuroracle.forecast.train.Calibration.Scheme calibration;

        @Option(names = "--dao-recalibration", defaultValue = "20", paramLabel = "N|cv", converter = PseudoCount.class,
                description = "Pseudo-count of the online per-DAO recalibration (fitted on each DAO's proposals ended before each start, shrunk to the pooled map); 0 = none; cv = chosen per split by nested leave-DAO-out on its training part, reported beside the fixed 20 as spiking_recal20 (default: ${DEFAULT-VALUE}, the served model's).")
        int recalibration;

        @Option(names = "--min-dao-proposals", defaultValue = "30", description = "Smallest DAO held out in leave-one-DAO-out (default: ${DEFAULT-VALUE}).")
        int minDao;

        @Option(names = "--daos", split = ",", paramLabel = "DAO", description = "Hold out only these DAOs in leave-one-DAO-out (comma-separated names as in the data) and skip rolling origin: a quick look; their rows equal a full run's.")
        List<String> daos;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            ModelArtifact.Loaded m = model(model, "vote");
            VoteEval.Config d = VoteEval.Config.defaults();
            VoteEval.Config cfg = new VoteEval.Config(threads > 0 ? threads : d.threads(), minDao, d.train().withCalibration(calibration).withRecalibration(recalibration))
                    .withHeldOut(daos == null ? java.util.Set.of() : new java.util.LinkedHashSet<>(daos));
            var r = VoteEval.run(readAll(data), m, cfg, out, EnergyEstimator.bundledProfiles());
            System.out.print(r.report());
            System.out.println("wrote " + out.resolve("report.md") + ", metrics.json, predictions.csv and plots");
            return 0;
        }
    }

    @Command(name = "treasury", mixinStandardHelpOptions = true,
            description = {"Treasury flow forecasts at 1/7/30 days from rolling origins, per series (source, asset, inflow/outflow):",
                    "the served ensemble and its variants against naive, seasonal naive, mean of 7/28 days, SES, damped Holt and Croston,",
                    "and the spiking model on daily series. MASE, 80%% interval coverage, runway against realised balances."})
    static final class Treasury implements Callable<Integer> {
        @Option(names = "--model", paramLabel = "FILE", description = "Spiking treasury model (.nrm) to score beside the baselines; default: the bundled one.")
        Path model;

        @Option(names = "--data", required = true, split = ",", paramLabel = "DIR", description = "Folder(s) with canonical treasury.csv, comma-separated; each folder's name labels its series.")
        List<Path> data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Option(names = "--no-spiking", description = "Leave the spiking model out (it needs a network run per day and series).")
        boolean noSpiking;

        @Option(names = "--variants", description = "Also score the other combination strategies and candidate sets (chosen against, never served).")
        boolean variants;

        @Option(names = "--calibration-variants", description = "Also score the served point rule with conformal 80%% bounds (windows 90-730 days, half-life 0/90/365 days) and balanced trackers, and gates with a 30/60-day half-life.")
        boolean calibrationVariants;

        @Option(names = "--first-half", description = "Score only the origins before each series' middle date (where choices are made), so nothing of the held-out half is shown.")
        boolean firstHalf;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            List<org.neuroracle.forecast.eval.TreasuryEval.Source> sources = new java.util.ArrayList<>();
            for (Path p : data)
                sources.add(new org.neuroracle.forecast.eval.TreasuryEval.Source(p.toAbsolutePath().normalize().getFileName().toString(), org.neuroracle.forecast.data.TreasuryData.read(p)));
            ModelArtifact.Loaded spiking = noSpiking ? null : spikingModel(model);
            var served = org.neuroracle.forecast.service.ForecastService.servedEnsemble();
            List<org.neuroracle.forecast.model.TreasuryEnsemble> vs = new java.util.ArrayList<>();
            if (variants) vs.addAll(org.neuroracle.forecast.eval.TreasurySelection.grid());
            if (calibrationVariants) vs.addAll(org.neuroracle.forecast.eval.TreasurySelection.calibrationGrid(served));
            var r = org.neuroracle.forecast.eval.TreasuryEval.run(sources, spiking, served, vs, firstHalf, out);
            System.out.print(r.report());
            System.out.println("wrote " + out.resolve("report.md") + ", metrics.json, predictions.csv");
            return 0;
        }

        private static ModelArtifact.Loaded spikingModel(Path file) {
            if (file != null) return ModelArtifact.read(file);
            return ForecastService.bundledArtifacts().stream().filter(a -> a.model() instanceof org.neuroracle.forecast.model.TreasuryModel).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no bundled spiking treasury model; pass --model FILE or --no-spiking"));
        }
    }

}
