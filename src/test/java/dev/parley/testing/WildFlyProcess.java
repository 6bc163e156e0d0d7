package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parley in a WildFly process: the stock distribution ({@code -Dwildfly.home}) with its
 * {@code standalone-microprofile.xml}, and the WAR dropped into a deployments folder of this process's
 * own server base directory. Nothing else is configured.
 */
public final class WildFlyProcess extends ServerProcess {

    static final String CONFIG = "standalone-microprofile.xml";

    /** The converter's properties when HTTPS is on ({@code wildfly-config/tls.cli} applied to this server's copy), else null. */
    private final Path tlsProperties;

    WildFlyProcess() {
        this(null);
    }

    WildFlyProcess(Path tlsProperties) {
        this.tlsProperties = tlsProperties;
    }

    @Override
    List<String> command(int port, Path root) throws IOException {
        Path home = Path.of(required("wildfly.home"));
        copy(home.resolve("standalone").resolve("configuration"), root.resolve("configuration"));
        Files.createDirectories(root.resolve("deployments"));
        Files.copy(Path.of(required("parley.war")), root.resolve("deployments").resolve("parley.war"));
        // Every socket WildFly binds (HTTP, management, transaction recovery) moves by one offset, so
        // several servers run side by side; HTTP lands on the free port.
        int offset = port - 8080;
        if (offset < 0 || 9993 + offset > 65535) {
            throw new IllegalStateException("no port offset puts HTTP on " + port);
        }
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin").resolve("standalone.sh").toString(), "-c", CONFIG,
                "-Djboss.server.base.dir=" + root,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.node.name=" + root.getFileName(),
                "-Djboss.tx.node.id=" + Math.abs(root.getFileName().toString().hashCode() % 100_000)));
        if (tlsProperties != null) {
            applyTlsCli(home, root, tlsProperties);
            command.add("--properties=" + tlsProperties);
        }
        return command;
    }

    /** {@code wildfly-config/tls.cli}, as an operator applies it, to this server's own configuration. */
    private static void applyTlsCli(Path home, Path root, Path tlsProperties) throws IOException {
        Path log = root.resolve("tls-cli.log");
        ProcessBuilder cli = new ProcessBuilder(home.resolve("bin").resolve("jboss-cli.sh").toString(),
                "-Djboss.server.base.dir=" + root, "--properties=" + tlsProperties, "--file=" + required("parley.wildflyTls"))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        cli.environment().put("JAVA_HOME", System.getProperty("java.home"));
        try {
            Process process = cli.start();
            if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("wildfly-config/tls.cli failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while applying tls.cli", e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                try {
                    Files.copy(source, to.resolve(from.relativize(source).toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
