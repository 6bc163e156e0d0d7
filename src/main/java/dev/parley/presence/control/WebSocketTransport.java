package dev.parley.presence.control;

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

    private final Session session;
    private final Executor closer;

    WebSocketTransport(Session session, Executor closer) {
        this.session = session;
        this.closer = closer;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, result -> done.accept(result.isOK() ? null : result.getException()));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void sendPing(long mark) throws IOException {
        session.getAsyncRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, mark));
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
