package dev.parley.sockets;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A {@link Transport} over a Jakarta WebSocket session, using its asynchronous remote. */
final class WebSocketTransport implements Transport {

    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());

    /**
     * The context class loader for the duration of a send. Tyrus on Payara re-arms a session timer
     * on every frame through the managed scheduler, whose context capture runs a ServiceLoader scan
     * of the thread's context class loader (see docs/performance.md): with the application's loader
     * that scan cost more than the send itself. A loader that sees only the platform classes makes
     * it trivial; on other servers this changes nothing.
     */
    private static final ClassLoader BARE = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
    };

    private final Session session;
    private final Executor closer;

    WebSocketTransport(Session session, Executor closer) {
        this.session = session;
        this.closer = closer;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BARE);
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException | Error e) {
            // Tyrus reports text it cannot encode with java.lang.Error; whatever it is, it concerns this
            // socket only (the connection closes it), never the writer thread.
            done.accept(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void sendPing(long mark) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BARE);
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, mark));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close(int code, String reason) {
        // Closing writes a close frame; a slow peer must not stall the thread that decided to close it.
        Runnable closing = () -> {
            try {
                if (session.isOpen()) {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "Closing session " + session.getId() + " failed", e);
            }
        };
        try {
            closer.execute(closing);
        } catch (RejectedExecutionException shuttingDown) {
            closing.run();
        }
    }
}
