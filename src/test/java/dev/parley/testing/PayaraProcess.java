package dev.parley.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Parley's WAR in a Payara Micro process of its own, for tests about the process itself: stopping,
 * restarting on the same data, killing. It listens on a free port with context root {@code /}.
 */
public final class PayaraProcess implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    private final Process process;
    private final URI base;
    private final Path log;

    private PayaraProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Boots Payara Micro with the WAR and waits until Parley reports ready. */
    public static PayaraProcess start(Path workDir, Map<String, String> environment) throws IOException, InterruptedException {
        return start(workDir, environment, List.of("--nocluster"));
    }

    /**
     * Boots Payara Micro with extra command-line options instead of {@code --nocluster}, e.g. the
     * {@code --clustername}/{@code --clustermode} of a test cluster.
     */
    public static PayaraProcess start(Path workDir, Map<String, String> environment, List<String> options)
            throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(workDir);
        Path rootDir = Files.createTempDirectory(workDir, "payara-root");
        Path log = Files.createTempFile(workDir, "payara", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx768m");
        command.addAll(List.of("-jar", required("payara.microJar"),
                "--deploy", required("parley.war"), "--contextroot", "/",
                "--port", Integer.toString(port), "--rootdir", rootDir.toString()));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Each process runs its own embedded broker: give it a TCP port of its own too.
        builder.environment().put("PARLEY_JMS_PORT", Integer.toString(freePort()));
        builder.environment().putAll(environment);
        PayaraProcess payara = new PayaraProcess(builder.start(), URI.create("http://127.0.0.1:" + port + "/"), log);
        payara.awaitReady();
        return payara;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through mvn verify)");
        }
        return value;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> app = http.send(HttpRequest.newBuilder(base.resolve("api/me"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && app.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYet) {
                // still booting
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        close();
        throw new IllegalStateException("Payara was not ready within " + BOOT_TIMEOUT + "; log: " + log);
    }

    public URI base() {
        return base;
    }

    public Path log() {
        return log;
    }

    /** Stops the server as an operator would (SIGTERM) and waits for the process to end. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Kills the server without warning (SIGKILL), as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end (after {@link #close} or {@link #kill}). */
    public void awaitExit() throws InterruptedException {
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
