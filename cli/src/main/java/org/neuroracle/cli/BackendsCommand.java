package org.neuroracle.cli;

import org.neuroracle.snn.backend.Backend;
import org.neuroracle.snn.backend.Backends;
import org.neuroracle.snn.backend.Capabilities;
import picocli.CommandLine.Command;

import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every backend and device found, with its capabilities.")
public final class BackendsCommand implements Callable<Integer> {
    @Override public Integer call() {
        for (Backend b : Backends.all()) {
            Capabilities c = b.capabilities();
            System.out.println(b.name() + (b.available() ? "" : "  (unavailable: " + b.unavailableReason() + ")"));
            System.out.println("  models:   " + String.join(", ", new TreeSet<>(c.models())));
            System.out.println("  modes:    " + String.join(", ", c.modes().stream().map(m -> m.name().toLowerCase(Locale.ROOT)).sorted().toList()));
            System.out.println("  features: " + String.join(", ", new TreeSet<>(c.features())));
            if (b.available())
                for (Backend.DeviceInfo d : b.devices())
                    System.out.println("  device " + d.index() + ": " + d.name() + " [" + d.type() + "] " + d.details());
        }
        return 0;
    }
}
