package org.neuroracle.cli;

import org.neuroracle.hw.Fact;
import org.neuroracle.hw.HardwareProfile;
import org.neuroracle.hw.HardwareProfiles;
import org.neuroracle.hw.ProfileProblem;
import org.neuroracle.hw.ProfileValidator;
import org.neuroracle.hw.Quantity;
import org.neuroracle.hw.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"Hardware profiles: neuromorphic chips, GPUs and CPUs with sourced numbers (value, unit, kind, source).",
                "Used by 'simulate --profile' for energy and mapping, and by 'board check'."},
        subcommands = {ProfilesCommand.ListCmd.class, ProfilesCommand.Show.class, ProfilesCommand.Validate.class})
public final class ProfilesCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the bundled profiles with their headline figures.")
    static final class ListCmd implements Callable<Integer> {
        @Override public Integer call() {
            System.out.printf(Locale.ROOT, "%-14s %-44s %-18s %s%n", "name", "display name", "energy/synaptic op", "static power");
            for (HardwareProfile p : HardwareProfiles.bundled())
                System.out.printf(Locale.ROOT, "%-14s %-44s %-18s %s%n", p.name(), p.displayName(),
                        p.quantity(HardwareProfile.E_SYNAPTIC_OP).map(q -> Units.si(q.base(), "J") + " " + q.kind().label()).orElse("not published"),
                        p.quantity(HardwareProfile.STATIC_POWER).map(q -> Units.si(q.base(), "W") + " " + q.kind().label()).orElse("not published"));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print every entry of one profile with its kind, boundary and source.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME|FILE", description = "A bundled profile name, or a profile YAML file.")
        String name;

        @Override public Integer call() {
            HardwareProfile p = name.endsWith(".yaml") ? HardwareProfiles.load(Path.of(name)) : HardwareProfiles.byName(name);
            System.out.println(p.displayName() + " (" + p.name() + "), " + p.vendor() + (p.process().isEmpty() ? "" : ", " + p.process()));
            System.out.println(p.description());
            String section = "";
            for (var e : merged(p)) {
                String s = e.path.substring(0, e.path.indexOf('.'));
                if (!s.equals(section)) { System.out.println(s + ":"); section = s; }
                System.out.printf(Locale.ROOT, "  %-28s %s%n      source: %s%n", e.path.substring(s.length() + 1), e.value, e.source);
            }
            for (String n : p.notes()) System.out.println("note: " + n);
            return 0;
        }

        private record Entry(String path, String value, String source, int line) {}

        private static List<Entry> merged(HardwareProfile p) {
            List<Entry> out = new java.util.ArrayList<>();
            for (Quantity q : p.quantities().values()) out.add(new Entry(q.path(), q.describe(), q.source(), q.line()));
            for (Fact f : p.facts().values()) out.add(new Entry(f.path(), f.value() + " (" + f.kind().label() + ")", f.source(), f.line()));
            out.sort(java.util.Comparator.comparingInt(Entry::line));
            return out;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check profile files against the JSON Schema and the semantic rules; report every problem as FILE:LINE: FIELD: message.",
                    "Exit status 1 when any problem is found."})
    static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "DIR|FILE", arity = "0..1", description = "A directory of *.yaml profiles or one file (default: the bundled profiles).")
        Path target;

        @Override public Integer call() {
            List<ProfileValidator.Result> results;
            if (target == null) {
                Path home = Path.of(System.getProperty("neuroracle.home", "."), "hardware-profiles", "profiles");
                if (!Files.isDirectory(home)) throw new IllegalArgumentException("no profile directory given and " + home + " does not exist");
                results = ProfileValidator.validateDirectory(home);
            } else if (Files.isDirectory(target)) results = ProfileValidator.validateDirectory(target);
            else if (Files.isRegularFile(target)) results = List.of(ProfileValidator.validateFile(target));
            else throw new IllegalArgumentException(target + ": no such file or directory");
            int problems = 0;
            for (ProfileValidator.Result r : results) {
                if (r.ok()) System.out.println("ok      " + r.file());
                for (ProfileProblem p : r.problems()) { System.out.println("error   " + p); problems++; }
            }
            System.out.println(results.size() + " file(s), " + problems + " problem(s)");
            return problems == 0 ? 0 : 1;
        }
    }
}
