package org.neuroracle.daoserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerConfigTest {
    @Test void defaultsNeedNothingAndAreValid() {
        ServerConfig c = ServerConfig.load(null, Map.of());
        assertEquals(8080, c.port());
        assertEquals(Path.of("data"), c.dataDir());
        assertEquals("NORMAL", c.journalSynchronous());
        assertTrue(c.usesDefaultPassword());
    }

    @Test void environmentOverridesFileAndFileOverridesDefaults(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "port: 9000\nmaxVotes: 77\njournalSynchronous: full\n");
        ServerConfig c = ServerConfig.load(f, Map.of("NEURORACLE_PORT", "9100"));
        assertEquals(9100, c.port());
        assertEquals(77, c.maxVotes());
        assertEquals("FULL", c.journalSynchronous());
        assertEquals(9200, c.withPort(9200).port());
    }

    @Test void jsonFileIsReadToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"maxSimSteps\": 500, \"keystorePassword\": \"s3cret\"}");
        ServerConfig c = ServerConfig.load(f, Map.of());
        assertEquals(500, c.maxSimSteps());
        assertEquals(false, c.usesDefaultPassword());
    }

    @Test void badEnvironmentValueNamesFieldAndVariable() {
        var e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(null, Map.of("NEURORACLE_PORT", "70000")));
        assertEquals("config field port (from environment variable NEURORACLE_PORT): must be in 0..65535, got 70000", e.getMessage());
        e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(null, Map.of("NEURORACLE_MAX_VOTES", "many")));
        assertEquals("config field maxVotes (from environment variable NEURORACLE_MAX_VOTES): must be an integer, got 'many'", e.getMessage());
    }

    @Test void energyProfilesAreCheckedAgainstTheBundledProfiles() {
        assertEquals("desktop-x86", ServerConfig.load(null, Map.of()).energyProfiles());
        assertEquals("all", ServerConfig.load(null, Map.of("NEURORACLE_ENERGY_PROFILES", "all")).energyProfiles());
        assertEquals("loihi2, spinnaker2", ServerConfig.load(null, Map.of("NEURORACLE_ENERGY_PROFILES", "loihi2, spinnaker2")).energyProfiles());
        var e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(null, Map.of("NEURORACLE_ENERGY_PROFILES", "loihi3")));
        assertTrue(e.getMessage().startsWith("config field energyProfiles (from environment variable NEURORACLE_ENERGY_PROFILES): no hardware profile 'loihi3'; known: "),
                e.getMessage());
        e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(null, Map.of("NEURORACLE_ENERGY_PROFILES", "loihi2,")));
        assertTrue(e.getMessage().contains("expected all, none or comma-separated profile names"), e.getMessage());
    }

    @Test void badFileValueNamesFieldAndFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "journalSynchronous: SLOW\n");
        var e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(f, Map.of()));
        assertEquals("config field journalSynchronous (from " + f + "): must be NORMAL or FULL, got 'SLOW'", e.getMessage());
        Files.writeString(f, "journalSynchronous: OFF\n");
        e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(f, Map.of()));
        assertTrue(e.getMessage().startsWith("config field journalSynchronous (from " + f + "): must be a string, got the boolean false"), e.getMessage());
    }

    @Test void unknownFileFieldIsRejected(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"prot\": 1}");
        var e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f + ": unknown field 'prot'; known fields: "), e.getMessage());
    }

    @Test void malformedFileSaysSo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"port\": ");
        var e = assertThrows(ServerConfig.ConfigException.class, () -> ServerConfig.load(f, Map.of()));
        assertTrue(e.getMessage().startsWith(f + ": not valid JSON"), e.getMessage());
    }

    @Test void envNamesAreUpperSnakeCase() {
        assertEquals("NEURORACLE_MAX_SIM_NEURONS", ServerConfig.envName("maxSimNeurons"));
        assertEquals("NEURORACLE_KEYSTORE_PASSWORD", ServerConfig.envName("keystorePassword"));
        assertEquals("NEURORACLE_PORT", ServerConfig.envName("port"));
    }
}
