package dev.parley.bench;

import dev.parley.testing.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The server every benchmark measures: Parley in a Payara Micro of its own, on a fresh embedded
 * database, with production defaults (not the short timeouts the integration tests use). Only the
 * password work factor (so registering 1000 users is quick) and the per-socket rate limit (so load
 * generators are not throttled) differ.
 */
final class BenchServer {

    private BenchServer() {
    }

    static ServerProcess start(Map<String, String> extra) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("parley-bench");
        Map<String, String> environment = new HashMap<>(Map.of(
                "PARLEY_DATA_DIR", work.resolve("data").toString(),
                "PARLEY_PASSWORD_ITERATIONS", "1000",
                "PARLEY_RATE_PER_SECOND", "100000",
                "PARLEY_RATE_BURST", "100000",
                "PARLEY_DB_URL", "",
                "PARLEY_HEARTBEAT_SECONDS", "25",
                "PARLEY_SEND_WINDOW", Long.toString(4L * 1024 * 1024),
                "PARLEY_WRITE_TIMEOUT_SECONDS", "10"));
        environment.putAll(extra);
        return ServerProcess.start(work, environment);
    }
}
