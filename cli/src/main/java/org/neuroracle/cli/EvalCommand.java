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
        subcommands = {EvalCommand.Vote.class, EvalCommand.Treasury.class})
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

        @Option(names = "--min-dao-proposals", defaultValue = "30", description = "Smallest DAO held out in leave-one-DAO-out (default: ${DEFAULT-VALUE}).")
        int minDao;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            ModelArtifact.Loaded m = model(model, "vote");
            VoteEval.Config d = VoteEval.Config.defaults();
            VoteEval.Config cfg = new VoteEval.Config(threads > 0 ? threads : d.threads(), minDao, d.train());
            var r = VoteEval.run(readAll(data), m, cfg, out, EnergyEstimator.bundledProfiles());
            System.out.print(r.report());
            System.out.println("wrote " + out.resolve("report.md") + ", metrics.json, predictions.csv and plots");
            return 0;
        }
    }

    @Command(name = "treasury", mixinStandardHelpOptions = true,
            description = {"Treasury flow forecasts at 1/7/30 days from rolling origins: the spiking model against naive, seasonal naive, drift and Holt.",
                    "MASE, MAE, pinball loss, 80%%/95%% interval coverage, fan chart, energy per forecast."})
    static final class Treasury implements Callable<Integer> {
        @Option(names = "--model", paramLabel = "FILE", description = "Model artifact (.nrm); default: the bundled treasury model.")
        Path model;

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "Folder with canonical treasury.csv (or the file).")
        Path data;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
        Path out;

        @Override public Integer call() {
            OutputPaths.folder(out, "--out");
            ModelArtifact.Loaded m = model(model, "treasury");
            var r = org.neuroracle.forecast.eval.TreasuryEval.run(org.neuroracle.forecast.data.TreasuryData.read(data), m, out, EnergyEstimator.bundledProfiles());
            System.out.print(r.report());
            System.out.println("wrote " + out.resolve("report.md") + ", metrics.json, predictions.csv and plots");
            return 0;
        }
    }

}
