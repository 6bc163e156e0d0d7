package dev.parley.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Owns every {@link ServerProcess} a test class starts: whatever the test left running (a failed
 * assertion between start and close, an exception in {@code @BeforeAll}) is killed after the class,
 * and, should the test JVM itself end first, by a shutdown hook; the run's {@link SharedServer} is left
 * to JUnit, which stops it when the run ends. When a test fails it names the logs of the servers that
 * were running (the shared one included), which stay under {@code target/it-logs}, and leaves a thread dump
 * of each next to its log (what a server was stuck on is gone once it is stopped).
 */
public final class ServerProcesses implements AfterAllCallback, TestWatcher {

    private static final Set<ServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    /** The run's {@link SharedServer}: outlives every class, and is named when a test fails. */
    private static final Set<ServerProcess> SHARED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RUNNING.forEach(ServerProcess::close);
            SHARED.forEach(ServerProcess::close);
        }, "kill-test-servers"));
    }

    static void started(ServerProcess server) {
        RUNNING.add(server);
    }

    /** Moves a server started by {@link SharedServer} out of the per-class ones: no class kills it. */
    static void shared(ServerProcess server) {
        RUNNING.remove(server);
        SHARED.add(server);
    }

    static void ended(ServerProcess server) {
        RUNNING.remove(server);
        SHARED.remove(server);
    }

    /** The servers a test class started and that run now (for tests of this extension and for reports). */
    static List<ServerProcess> running() {
        return List.copyOf(RUNNING);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        List<ServerProcess> all = new ArrayList<>(RUNNING);
        all.addAll(SHARED);
        for (ServerProcess server : all) {
            Path threads = server.threadDump();
            System.err.println(context.getDisplayName() + " failed; server log: " + server.log()
                    + (threads == null ? "" : "; its threads now: " + threads));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        for (ServerProcess server : running()) {
            System.err.println(context.getDisplayName() + " left a server running; killing it (log: " + server.log() + ")");
            server.kill();
        }
    }
}
