package dev.parley.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * One server with the built WAR for every black-box class of a test run: booted by the first class
 * that asks for it, exactly as a user starts Parley ({@code java -jar payara-micro.jar --deploy
 * parley.war}, or the WAR dropped into a stock WildFly's deployments folder), and stopped when the
 * run ends. A boot costs 20–50 s here; one per class cost minutes per run. The classes that share it
 * keep out of each other's way by using accounts and rooms of their own ({@link Api#uniqueUser}).
 */
public final class SharedServer implements BeforeAllCallback {

    private static final Namespace NAMESPACE = Namespace.create(SharedServer.class);

    private static volatile URI base;

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> Running.boot(), Running.class);
        base = running.server.base();
    }

    /** Where the shared server answers, e.g. {@code http://127.0.0.1:PORT/}; set once a class using this extension started. */
    public static URI base() {
        if (base == null) {
            throw new IllegalStateException("no shared server: register SharedServer on the test class");
        }
        return base;
    }

    /** The server, stopped by JUnit when the run's root context closes. */
    private record Running(ServerProcess server) implements ExtensionContext.Store.CloseableResource {

        static Running boot() {
            Path work = Path.of(System.getProperty("it.work", "target/it-work")).toAbsolutePath();
            try {
                // The broker listens where the suite's JMS clients look for it (the pom's PARLEY_JMS_PORT).
                String jmsPort = System.getenv("PARLEY_JMS_PORT");
                ServerProcess server = ServerProcess.start(work, jmsPort == null ? Map.of() : Map.of("PARLEY_JMS_PORT", jmsPort));
                ServerProcesses.shared(server);
                return new Running(server);
            } catch (IOException e) {
                throw new IllegalStateException("the shared server did not start", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the shared server started", e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            server.stop();
        }
    }
}
