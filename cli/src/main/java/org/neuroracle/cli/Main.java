package org.neuroracle.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one {@code neuroracle} entry point. Each subcommand lives in its own class in this package. */
@Command(name = "neuroracle", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Spiking neural network runtime for DAO decisions.",
        subcommands = {
                CommandLine.HelpCommand.class,
                SimulateCommand.class,
                TraceCommand.class,
                BackendsCommand.class,
                KernelsCommand.class,
                ProfilesCommand.class,
                BoardCommand.class,
                NirCommand.class,
                BenchCommand.class,
                DataCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                ServeCommand.class,
                ServeBenchCommand.class,
                OracleCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) { System.exit(execute(args)); }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        UserErrors errors = new UserErrors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler((ex, a) -> {
            // Under mpirun every rank parses the same arguments: rank 0 speaks for all of them.
            if (errors.otherRank()) return 2;
            ex.getCommandLine().getErr().println("neuroracle: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (StackOverflowError e) {
            // Errors bypass picocli's exception handler: still one line, never a stack trace.
            if (!errors.otherRank()) System.err.println("neuroracle: the input is nested too deeply to read (stack overflow)");
            return 1;
        } catch (OutOfMemoryError e) {
            System.err.println("neuroracle: out of memory (" + e.getMessage() + "); the input or the options ask for more than this JVM's heap");
            return 1;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"neuroracle " + (v == null ? "0.1.0-SNAPSHOT" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"};
        }
    }
}
