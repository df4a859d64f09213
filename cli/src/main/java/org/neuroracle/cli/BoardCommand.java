package org.neuroracle.cli;

import org.neuroracle.adapters.BoardConformance;
import org.neuroracle.adapters.EmulatorLibrary;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.HardwareProfiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "board", mixinStandardHelpOptions = true,
        description = "Neuromorphic boards behind the C ABI adapters/board-abi/neuroracle_board.h.",
        subcommands = {BoardCommand.Check.class, BoardCommand.EmulatorPath.class})
public final class BoardCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Conformance kit: load a board library, run the canonical networks (cuba-fixed and seeded random",
                    "fixed-point networks) comparing digests with the cpu reference, probe error handling (bad config,",
                    "calls out of order, malformed networks, a network over the profile's capacity), print PASS/FAIL per check.",
                    "Exit status 1 when any check fails."})
    static final class Check implements Callable<Integer> {
        @Option(names = "--lib", required = true, paramLabel = "PATH", description = "Shared library implementing neuroracle_board.h ('emulator' for the built-in one).")
        String lib;

        @Option(names = "--profile", required = true, paramLabel = "NAME|FILE", description = "Hardware profile whose limits the over-capacity probe uses.")
        String profile;

        @Option(names = "--config", paramLabel = "STRING", description = "Config string for nrb_open (default: name, max_neurons, max_fan_in, weight_bits from the profile).")
        String config;

        @Override public Integer call() {
            HardwareProfile p = profile.endsWith(".yaml") ? HardwareProfiles.load(Path.of(profile)) : HardwareProfiles.byName(profile);
            Path path = lib.equals("emulator") ? EmulatorLibrary.path() : Path.of(lib);
            BoardConformance.Report r = BoardConformance.run(path, p, config);
            System.out.print(r.format());
            return r.passed() ? 0 : 1;
        }
    }

    @Command(name = "emulator-path", mixinStandardHelpOptions = true, description = "Print the path of the built reference emulator library.")
    static final class EmulatorPath implements Callable<Integer> {
        @Override public Integer call() {
            System.out.println(EmulatorLibrary.path());
            return 0;
        }
    }
}
