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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parley's WAR in a server process of its own, for tests about the process itself (stopping,
 * restarting on the same data, killing) and for several nodes. The server is the one the suite runs
 * against ({@code -Dit.server=payara|wildfly}); it listens on a free port with context root {@code /}.
 * Its log is kept under {@code target/it-logs}, so it outlives the test's temporary folder. A test
 * class that starts one registers {@link ServerProcesses}, which kills whatever it left running.
 */
public abstract class ServerProcess implements AutoCloseable {

    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(240);

    private Process process;
    private URI base;
    private URI httpsBase;
    private Path log;
    private List<ProcessHandle> killed = List.of();
    private volatile List<ProcessHandle> seen = List.of();

    /** Which server the suite runs against. */
    public enum Kind { PAYARA, WILDFLY }

    public static Kind kind() {
        return Kind.valueOf(System.getProperty("it.server", "payara").toUpperCase(Locale.ROOT));
    }

    /** Boots the suite's server with the WAR, on one node of its own, and waits until Parley reports ready. */
    public static ServerProcess start(Path workDir, Map<String, String> environment) throws IOException, InterruptedException {
        ServerProcess server = kind() == Kind.WILDFLY ? new WildFlyProcess() : new PayaraProcess(List.of("--nocluster"));
        server.launch(workDir, environment);
        return server;
    }

    /**
     * Boots the suite's server with TLS on, as an operator does: the certificate's PEM files through
     * {@code scripts/TlsKeystore.java}, {@code PARLEY_TLS_CERT}/{@code PARLEY_TLS_KEY}/{@code PARLEY_HTTPS_PORT}
     * set, HTTPS on a free port ({@link #httpsBase()}), and plain HTTP on {@link #base()}.
     */
    public static ServerProcess startTls(Path workDir, Map<String, String> environment, TestCertificate certificate)
            throws IOException, InterruptedException {
        int httpsPort = freePort();
        Map<String, String> tls = new java.util.HashMap<>(environment);
        tls.put("PARLEY_TLS_CERT", certificate.certificate().toString());
        tls.put("PARLEY_TLS_KEY", certificate.privateKey().toString());
        tls.put("PARLEY_HTTPS_PORT", Integer.toString(httpsPort));
        ServerProcess server;
        if (kind() == Kind.WILDFLY) {
            server = new WildFlyProcess(certificate.keystore(workDir.resolve("tls")));
        } else {
            List<String> options = new java.util.ArrayList<>(List.of("--nocluster", "--prebootcommandfile", required("payara.preboot")));
            options.addAll(certificate.payaraOptions(workDir.resolve("tls"), httpsPort));
            server = new PayaraProcess(options);
        }
        server.httpsBase = URI.create("https://127.0.0.1:" + httpsPort + "/");
        server.launch(workDir, tls);
        return server;
    }

    /** The server's command line, listening for HTTP on {@code port}, with its files under {@code root}. */
    abstract List<String> command(int port, Path root) throws IOException;

    void launch(Path workDir, Map<String, String> environment) throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(workDir);
        Path root = Files.createTempDirectory(workDir, "server-root");
        Path logs = Path.of(System.getProperty("it.logs", "target/it-logs")).toAbsolutePath();
        Files.createDirectories(logs);
        log = Files.createTempFile(logs, getClass().getSimpleName().toLowerCase(Locale.ROOT) + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command(port, root)).redirectErrorStream(true).redirectOutput(log.toFile());
        // Each process runs its own embedded broker: give it a TCP port of its own too.
        builder.environment().put("PARLEY_JMS_PORT", Integer.toString(freePort()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx768m -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true"
                + " -Djboss.modules.system.pkgs=org.jboss.byteman");
        // Plain HTTP, whatever the developer's shell has; TLS only where a test asks for it (startTls).
        builder.environment().keySet().removeAll(List.of("PARLEY_TLS_CERT", "PARLEY_TLS_KEY", "PARLEY_HTTPS_PORT"));
        builder.environment().putAll(environment);
        process = builder.start();
        ServerProcesses.started(this);
        base = URI.create("http://127.0.0.1:" + port + "/");
        awaitReady();
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String required(String property) {
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
        HttpClient http = Api.http1(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(getClass().getSimpleName() + " exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve("health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                last = "GET /health/ready: " + response.statusCode() + " " + response.body();
                HttpResponse<String> app = http.send(HttpRequest.newBuilder(base.resolve("api/me"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                boolean toHttps = app.statusCode() == 301 && app.headers().firstValue("Location").orElse("").startsWith("https://");
                if (response.statusCode() == 200 && (app.statusCode() == 401 || toHttps)) {
                    tree(); // remember the server's processes while the launcher lives
                    return;
                }
                last += "; GET /api/me: " + app.statusCode();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        Path threads = threadDump();
        close();
        throw new IllegalStateException(getClass().getSimpleName() + " was not ready within " + BOOT_TIMEOUT + "; last answer: "
                + last + "; log: " + log + (threads == null ? "" : "; threads: " + threads));
    }

    /** The server's threads, next to its log, for a boot that never became ready; null if none could be taken. */
    Path threadDump() {
        try {
            Path dump = Path.of(log.toString().replaceFirst("\\.log$", "") + "-threads-" + System.currentTimeMillis() + ".txt");
            for (ProcessHandle handle : tree()) {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(handle.pid()), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dump.toFile())).start();
                jcmd.waitFor(30, TimeUnit.SECONDS);
            }
            return dump;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public URI base() {
        return base;
    }

    /** Where the server answers HTTPS, when it was started with {@link #startTls}. */
    public URI httpsBase() {
        if (httpsBase == null) {
            throw new IllegalStateException("this server was started without TLS");
        }
        return httpsBase;
    }

    public Path log() {
        return log;
    }

    /**
     * Every process of the server: a launcher script's java child included, also when the script
     * ended first (its orphaned child is no longer its descendant, so the ones seen while it was ready
     * are remembered).
     */
    private List<ProcessHandle> tree() {
        Set<ProcessHandle> all = new LinkedHashSet<>(seen);
        all.addAll(process.descendants().toList());
        all.add(process.toHandle());
        seen = List.copyOf(all);
        return List.copyOf(all);
    }

    /** Stops the server as an operator would (SIGTERM) and waits for the process to end. */
    public void stop() throws InterruptedException {
        List<ProcessHandle> all = tree();
        all.forEach(ProcessHandle::destroy);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            close();
        }
        for (ProcessHandle handle : all) {
            handle.onExit().completeOnTimeout(handle, 30, TimeUnit.SECONDS).join();
            if (handle.isAlive()) {
                handle.destroyForcibly(); // a server that does not stop in time must not outlive the run
            }
        }
        ServerProcesses.ended(this);
    }

    /** Kills the server without warning (SIGKILL), as a crash would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        close();
    }

    /** Waits for every process of the server to end (after {@link #close} or {@link #kill}). */
    public void awaitExit() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle handle : killed) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a process that will not die within 30 s is reported by the next test's port or log, not here
            }
        }
    }

    /**
     * Kills every process of the server (SIGKILL) and waits until they are gone, so that nothing
     * writes into the test's folders after the test (JUnit deletes them next).
     */
    @Override
    public void close() {
        if (process != null) {
            killed = tree();
            killed.forEach(ProcessHandle::destroyForcibly);
            try {
                awaitExit();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ServerProcesses.ended(this);
    }
}
