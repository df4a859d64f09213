package org.neuroracle.hw;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The profiles shipped in this module ({@code hardware-profiles/profiles/*.yaml}, packaged under
 * {@code org/neuroracle/hw/profiles/}). Bundled profiles are validated on first use; a broken bundled profile
 * is a build defect and throws.
 */
public final class HardwareProfiles {
    static final String RESOURCE_DIR = "/org/neuroracle/hw/profiles/";
    /** Any profile known to exist; used to locate the resource directory inside a jar or a classes folder. */
    private static final String ANCHOR = "loihi.yaml";
    private static volatile List<HardwareProfile> bundled;

    private HardwareProfiles() {}

    public static List<HardwareProfile> bundled() {
        List<HardwareProfile> b = bundled;
        if (b == null) {
            synchronized (HardwareProfiles.class) {
                if (bundled == null) bundled = loadBundled();
                b = bundled;
            }
        }
        return b;
    }

    public static List<String> names() { return bundled().stream().map(HardwareProfile::name).toList(); }

    /** The bundled profile with this name, or an error listing the names that exist. */
    public static HardwareProfile byName(String name) {
        for (HardwareProfile p : bundled()) if (p.name().equals(name)) return p;
        throw new IllegalArgumentException("unknown hardware profile '" + name + "'; available: " + String.join(", ", names()));
    }

    /** Load one profile file (not necessarily bundled); invalid files throw with every problem listed. */
    public static HardwareProfile load(Path file) {
        ProfileValidator.Result r = ProfileValidator.validateFile(file);
        if (!r.ok()) throw new IllegalArgumentException(r.problems().stream().map(ProfileProblem::toString).collect(Collectors.joining("; ")));
        return r.profile();
    }

    /** File names of the bundled profiles, in name order. */
    static List<String> bundledFileNames() {
        URL anchor = HardwareProfiles.class.getResource(RESOURCE_DIR + ANCHOR);
        if (anchor == null) throw new IllegalStateException("bundled profiles are missing from the class path (" + RESOURCE_DIR + ")");
        try {
            URI uri = anchor.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return list(fs.getPath(RESOURCE_DIR));
            }
            return list(Path.of(uri).getParent());
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot list bundled profiles: " + e.getMessage(), e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<HardwareProfile> loadBundled() {
        List<HardwareProfile> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String fileName : bundledFileNames()) {
            String text;
            try (InputStream in = HardwareProfiles.class.getResourceAsStream(RESOURCE_DIR + fileName)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ProfileValidator.Result r = ProfileValidator.validate(text, "profiles/" + fileName, fileName.replaceFirst("\\.yaml$", ""));
            if (r.ok()) out.add(r.profile());
            else r.problems().forEach(p -> problems.add(p.toString()));
        }
        if (!problems.isEmpty()) throw new IllegalStateException("bundled hardware profiles are invalid: " + String.join("; ", problems));
        return List.copyOf(out);
    }
}
