package dev.parley.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Every setting Parley reads, typed and validated once at startup. Values come from MicroProfile
 * Config, so an environment variable ({@code PARLEY_TOKEN_TTL}) or a system property of the same
 * name overrides the default.
 */
public record Settings(
        Path dataDir,
        Optional<String> dbUrl,
        String dbUser,
        String dbPassword,
        boolean dbSync,
        List<String> allowedOrigins,
        List<String> trustedProxies,
        Optional<Integer> httpsPort,
        long hstsMaxAgeSeconds,
        Duration tokenTtl,
        Duration sessionTtl,
        Optional<String> adminUser,
        Optional<String> adminPassword,
        int ratePerSecond,
        int rateBurst,
        int passwordIterations,
        int heartbeatSeconds,
        int loginMaxFailures,
        int sendQueueLimit,
        long sendWindowChars,
        int writeTimeoutSeconds,
        int chatNotifyDelaySeconds,
        int presenceRoomLimit,
        int topicMaxRate,
        Optional<String> jmsUrl,
        Optional<String> jmsUser,
        Optional<String> jmsPassword,
        int jmsPort,
        int outboxRetentionHours,
        String cluster,
        Optional<String> nodeName) {

    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_PASSWORD_ITERATIONS = 600_000;

    public Settings {
        require(httpsPort.isEmpty() || httpsPort.get() >= 1 && httpsPort.get() <= 65535,
                "PARLEY_HTTPS_PORT must be between 1 and 65535");
        require(hstsMaxAgeSeconds >= 0, "PARLEY_HSTS_MAX_AGE must be 0 (browsers forget the rule) or more seconds");
        require(tokenTtl.getSeconds() >= 1, "PARLEY_TOKEN_TTL must be at least 1 second");
        require(sessionTtl.getSeconds() >= 1, "PARLEY_SESSION_TTL must be at least 1 second");
        require(ratePerSecond >= 1, "PARLEY_RATE_PER_SECOND must be at least 1");
        require(rateBurst >= 1, "PARLEY_RATE_BURST must be at least 1");
        require(passwordIterations >= 1000, "PARLEY_PASSWORD_ITERATIONS must be at least 1000");
        require(heartbeatSeconds >= 1, "PARLEY_HEARTBEAT_SECONDS must be at least 1");
        require(loginMaxFailures >= 1, "PARLEY_LOGIN_MAX_FAILURES must be at least 1");
        require(sendQueueLimit >= 16, "PARLEY_SEND_QUEUE_LIMIT must be at least 16");
        require(sendWindowChars >= 65536, "PARLEY_SEND_WINDOW must be at least 65536");
        require(writeTimeoutSeconds >= 1, "PARLEY_WRITE_TIMEOUT_SECONDS must be at least 1");
        require(chatNotifyDelaySeconds >= 0, "PARLEY_CHAT_NOTIFY_DELAY_SECONDS must be 0 or more");
        require(presenceRoomLimit >= 2, "PARLEY_PRESENCE_ROOM_LIMIT must be at least 2 (a direct conversation's members)");
        require(topicMaxRate >= 0 && topicMaxRate <= 1000, "PARLEY_TOPIC_MAX_RATE must be 0 (no limit) or 1 to 1000 updates per second");
        require(jmsPort >= 0 && jmsPort <= 65535, "PARLEY_JMS_PORT must be between 0 (no TCP acceptor) and 65535");
        require(outboxRetentionHours >= 1, "PARLEY_OUTBOX_RETENTION_HOURS must be at least 1");
        require(List.of(CLUSTER_AUTO, CLUSTER_NONE, CLUSTER_HAZELCAST, CLUSTER_JMS).contains(cluster),
                "PARLEY_CLUSTER must be auto, none, hazelcast or jms, got '" + cluster + "'");
        require(CLUSTER_NONE.equals(cluster) || CLUSTER_AUTO.equals(cluster) || dbUrl.isPresent(),
                "PARLEY_CLUSTER needs PARLEY_DB_URL: the database all nodes share (the embedded H2 is one node's)");
        require(!CLUSTER_JMS.equals(cluster) || jmsUrl.isPresent(),
                "PARLEY_CLUSTER=jms needs PARLEY_JMS_URL: the broker all nodes share");
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** Choose by what the node finds: Payara's data grid, a shared broker, or neither (see cluster.control.ClusterMode). */
    public static final String CLUSTER_AUTO = "auto";
    public static final String CLUSTER_NONE = "none";
    public static final String CLUSTER_HAZELCAST = "hazelcast";
    public static final String CLUSTER_JMS = "jms";

    /** True when the database may be shared with other nodes (anything but the embedded H2 file). */
    public boolean sharedDatabase() {
        return dbUrl.isPresent();
    }

    /** True when Parley runs its own broker: no {@code PARLEY_JMS_URL} is set. */
    public boolean embeddedBroker() {
        return jmsUrl.isEmpty();
    }

    public static Settings from(Config config) {
        return new Settings(
                Path.of(text(config, "PARLEY_DATA_DIR").orElse("./parley-data")).toAbsolutePath().normalize(),
                text(config, "PARLEY_DB_URL"),
                text(config, "PARLEY_DB_USER").orElse("parley"),
                text(config, "PARLEY_DB_PASSWORD").orElse("parley"),
                flag(config, "PARLEY_DB_SYNC", false),
                text(config, "PARLEY_ALLOWED_ORIGINS").map(Settings::splitList).orElse(List.of()),
                text(config, "PARLEY_TRUSTED_PROXIES").map(Settings::splitList).orElse(List.of()),
                httpsPort(config),
                number(config, "PARLEY_HSTS_MAX_AGE", 365L * 24 * 3600),
                Duration.ofSeconds(number(config, "PARLEY_TOKEN_TTL", 3600)),
                Duration.ofSeconds(number(config, "PARLEY_SESSION_TTL", 7 * 24 * 3600)),
                text(config, "PARLEY_ADMIN_USER"),
                text(config, "PARLEY_ADMIN_PASSWORD"),
                (int) number(config, "PARLEY_RATE_PER_SECOND", 20),
                (int) number(config, "PARLEY_RATE_BURST", 40),
                (int) number(config, "PARLEY_PASSWORD_ITERATIONS", DEFAULT_PASSWORD_ITERATIONS),
                (int) number(config, "PARLEY_HEARTBEAT_SECONDS", 25),
                (int) number(config, "PARLEY_LOGIN_MAX_FAILURES", 5),
                (int) number(config, "PARLEY_SEND_QUEUE_LIMIT", 1024),
                number(config, "PARLEY_SEND_WINDOW", 4L * 1024 * 1024),
                (int) number(config, "PARLEY_WRITE_TIMEOUT_SECONDS", 10),
                (int) number(config, "PARLEY_CHAT_NOTIFY_DELAY_SECONDS", 10),
                (int) number(config, "PARLEY_PRESENCE_ROOM_LIMIT", DEFAULT_PRESENCE_ROOM_LIMIT),
                (int) number(config, "PARLEY_TOPIC_MAX_RATE", DEFAULT_TOPIC_MAX_RATE),
                text(config, "PARLEY_JMS_URL"),
                text(config, "PARLEY_JMS_USER"),
                text(config, "PARLEY_JMS_PASSWORD"),
                (int) number(config, "PARLEY_JMS_PORT", 61616),
                (int) number(config, "PARLEY_OUTBOX_RETENTION_HOURS", 24),
                text(config, "PARLEY_CLUSTER").orElse(CLUSTER_AUTO).toLowerCase(Locale.ROOT),
                text(config, "PARLEY_NODE_NAME"));
    }

    /**
     * The port Parley itself serves HTTPS on, to which plain HTTP is redirected: {@code PARLEY_HTTPS_PORT},
     * else 8443 when a certificate is set ({@code PARLEY_TLS_CERT}), else none (no TLS here, or TLS at a proxy).
     */
    private static Optional<Integer> httpsPort(Config config) {
        if (text(config, "PARLEY_HTTPS_PORT").isPresent()) {
            return Optional.of((int) number(config, "PARLEY_HTTPS_PORT", 0));
        }
        return text(config, "PARLEY_TLS_CERT").map(certificate -> DEFAULT_HTTPS_PORT);
    }

    public static final int DEFAULT_HTTPS_PORT = 8443;

    /**
     * The largest conversation whose members see each other's presence without asking: in a room of
     * thousands, everyone's presence to everyone is O(N²) frames whenever they all connect at once.
     */
    public static final int DEFAULT_PRESENCE_ROOM_LIMIT = 100;

    /**
     * How many times a second a topic's subscribers get its newest value, at most. A screen shows no
     * more, and a feed of 100 updates/s to 1000 subscribers would otherwise ask one node for 100 000
     * frames/s, more than it can write while staying current (see docs/performance.md).
     */
    public static final int DEFAULT_TOPIC_MAX_RATE = 20;

    private static Optional<String> text(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static boolean flag(Config config, String name, boolean fallback) {
        Optional<String> raw = text(config, name).map(value -> value.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return fallback;
        }
        return switch (raw.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + raw.get() + "'");
        };
    }

    private static long number(Config config, String name, long fallback) {
        Optional<String> raw = text(config, name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + raw.get() + "'", e);
        }
    }

    private static List<String> splitList(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
