package org.neuroracle.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Checks an output option before anything runs: a file option writes exactly the format its extension names or
 * refuses with one line listing what it can write; a folder option refuses a path that is an existing file.
 * Checking first means a long run never ends by writing the wrong format (or failing to write at all).
 */
final class OutputPaths {
    private OutputPaths() {}

    /** Returns the extension of {@code path} (lower case, with its dot) when it is one of {@code extensions}. */
    static String file(Path path, String option, String... extensions) {
        if (Files.isDirectory(path)) throw new IllegalArgumentException(option + " " + path + ": names an existing folder; this option takes a file");
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String ext : extensions) if (name.endsWith(ext) && name.length() > ext.length()) return ext;
        int dot = name.lastIndexOf('.');
        String given = dot < 0 ? "no extension" : "'" + name.substring(dot) + "'";
        throw new IllegalArgumentException(option + " " + path + ": " + given + " is not a format this command writes; use "
                + String.join(" or ", List.of(extensions)));
    }

    static Path folder(Path path, String option) {
        if (Files.exists(path) && !Files.isDirectory(path))
            throw new IllegalArgumentException(option + " " + path + ": names an existing file; this option takes a folder");
        return path;
    }
}
