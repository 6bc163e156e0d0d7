package dev.parley.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void everySettingHasASafeDefault() {
        Settings settings = Settings.from(new MapConfig(Map.of()));
        assertEquals(Path.of("parley-data").toAbsolutePath(), settings.dataDir());
        assertEquals(Optional.empty(), settings.dbUrl());
        assertEquals(List.of(), settings.allowedOrigins());
        assertEquals(Duration.ofHours(1), settings.tokenTtl());
        assertEquals(20, settings.ratePerSecond());
        assertEquals(40, settings.rateBurst());
        assertEquals(600_000, settings.passwordIterations());
        assertTrue(settings.adminUser().isEmpty());
        assertFalse(settings.dbSync());
        assertEquals(Optional.empty(), settings.httpsPort(), "no TLS of its own, so no redirect");
        assertEquals(365 * 24 * 3600, settings.hstsMaxAgeSeconds());
        assertEquals(20, settings.topicMaxRate());
    }

    @Test
    void aCertificateMeansHttpsOnItsPort() {
        assertEquals(Optional.of(8443), Settings.from(new MapConfig(Map.of("PARLEY_TLS_CERT", "/etc/parley/fullchain.pem"))).httpsPort());
        assertEquals(Optional.of(443), Settings.from(new MapConfig(Map.of(
                "PARLEY_TLS_CERT", "/etc/parley/fullchain.pem", "PARLEY_HTTPS_PORT", "443"))).httpsPort());
        assertEquals(Optional.of(9443), Settings.from(new MapConfig(Map.of("PARLEY_HTTPS_PORT", "9443"))).httpsPort(),
                "a listener configured outside Parley is redirected to as well");
        assertThrows(IllegalArgumentException.class, () -> Settings.from(new MapConfig(Map.of("PARLEY_HTTPS_PORT", "70000"))));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(new MapConfig(Map.of("PARLEY_HSTS_MAX_AGE", "-1"))));
    }

    @Test
    void environmentOverridesDefaultsAndBlankMeansUnset() {
        Settings settings = Settings.from(new MapConfig(Map.of(
                "PARLEY_DATA_DIR", "/var/lib/parley",
                "PARLEY_DB_URL", "  ",
                "PARLEY_ALLOWED_ORIGINS", "https://a.example, https://b.example ,",
                "PARLEY_TOKEN_TTL", "60",
                "PARLEY_RATE_PER_SECOND", "5",
                "PARLEY_ADMIN_USER", "root",
                "PARLEY_DB_SYNC", "TRUE")));
        assertEquals(Path.of("/var/lib/parley"), settings.dataDir());
        assertEquals(Optional.empty(), settings.dbUrl());
        assertEquals(List.of("https://a.example", "https://b.example"), settings.allowedOrigins());
        assertEquals(Duration.ofSeconds(60), settings.tokenTtl());
        assertEquals(5, settings.ratePerSecond());
        assertEquals(Optional.of("root"), settings.adminUser());
        assertTrue(settings.dbSync());
    }

    @Test
    void badValuesFailWithTheirName() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(new MapConfig(Map.of("PARLEY_TOKEN_TTL", "an hour"))));
        assertTrue(notANumber.getMessage().contains("PARLEY_TOKEN_TTL"));
        IllegalArgumentException tooWeak = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(new MapConfig(Map.of("PARLEY_PASSWORD_ITERATIONS", "10"))));
        assertTrue(tooWeak.getMessage().contains("PARLEY_PASSWORD_ITERATIONS"));
        IllegalArgumentException notAFlag = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(new MapConfig(Map.of("PARLEY_DB_SYNC", "yes"))));
        assertTrue(notAFlag.getMessage().contains("PARLEY_DB_SYNC"));
        IllegalArgumentException negativeRate = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(new MapConfig(Map.of("PARLEY_TOPIC_MAX_RATE", "-1"))));
        assertTrue(negativeRate.getMessage().contains("PARLEY_TOPIC_MAX_RATE"));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(new MapConfig(Map.of("PARLEY_TOPIC_MAX_RATE", "1000000"))),
                "a tick every microsecond would keep a core busy");
    }

    @Test
    void aClusterNeedsASharedDatabaseAndTheJmsTransportASharedBroker() {
        assertThrows(IllegalArgumentException.class, () -> Settings.from(new MapConfig(Map.of("PARLEY_CLUSTER", "hazelcast"))));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(new MapConfig(Map.of(
                "PARLEY_CLUSTER", "jms", "PARLEY_DB_URL", "jdbc:postgresql://db/parley"))));
        assertThrows(IllegalArgumentException.class, () -> Settings.from(new MapConfig(Map.of(
                "PARLEY_CLUSTER", "redis", "PARLEY_DB_URL", "jdbc:postgresql://db/parley"))));
        Settings settings = Settings.from(new MapConfig(Map.of(
                "PARLEY_CLUSTER", "JMS", "PARLEY_DB_URL", "jdbc:postgresql://db/parley", "PARLEY_JMS_URL", "tcp://broker:61616")));
        assertEquals("jms", settings.cluster());
        assertEquals("auto", Settings.from(new MapConfig(Map.of())).cluster(), "the node chooses by default");
        assertFalse(Settings.from(new MapConfig(Map.of())).sharedDatabase(), "the embedded H2 is one node's");
    }
}
