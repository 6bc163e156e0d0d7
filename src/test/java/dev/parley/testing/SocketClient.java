package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A WebSocket test client on the JDK's own implementation (which answers pings by itself). Every
 * received frame is parsed and queued; tests take them with a timeout and assert on them.
 */
public final class SocketClient implements FrameConnection, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final FrameQueue frames = new FrameQueue(() -> "socket "
            + (closed.isDone() ? "closed with " + closed.getNow(null) : "open") + ", " + pings.get() + " pings received");
    private final WebSocket socket;

    private SocketClient(SSLContext tls, URI uri, String... headers) throws Exception {
        HttpClient client = tls == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(tls).build();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        this.socket = builder.buildAsync(uri, new Listener()).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Opens a socket; fails the test if the handshake is refused. */
    public static SocketClient open(URI uri, String... headers) {
        return open(null, uri, headers);
    }

    /** Opens a socket to a {@code wss:} URI trusted with {@code tls} (null: the JDK's default trust). */
    public static SocketClient open(SSLContext tls, URI uri, String... headers) {
        try {
            return new SocketClient(tls, uri, headers);
        } catch (Exception e) {
            throw new AssertionError("handshake to " + uri + " failed", e);
        }
    }

    /** Tries a handshake that must be refused and returns its HTTP status. */
    public static int refusedStatus(URI uri, String... headers) {
        try (SocketClient unexpected = new SocketClient(null, uri, headers)) {
            return fail("handshake to " + uri + " was accepted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new AssertionError("handshake failed without a status", e);
        } catch (Exception e) {
            throw new AssertionError("handshake failed without a status", e);
        }
    }

    /** The socket URL for an endpoint path under an HTTP base URL. */
    public static URI socketUri(URI httpBase, String path) {
        String base = httpBase.toString().replaceFirst("^http", "ws");
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    @Override
    public boolean offer(String frame) {
        send(frame);
        return true;
    }

    /** The next frame, whatever it is; fails after {@link #TIMEOUT}. */
    public JsonObject next() {
        return frames.next();
    }

    /** The next frame within {@code timeout}, or null (for watchers that must not fail on a miss). */
    @Override
    public JsonObject poll(Duration timeout) {
        return frames.poll(timeout);
    }

    /** The close code once the server closed the socket, or null while it is open. */
    public Integer closeCode() {
        return closed.isDone() && !closed.isCompletedExceptionally() ? closed.getNow(null) : null;
    }

    /** The next frame, which must be of the given type. */
    public JsonObject next(String type) {
        return frames.next(type);
    }

    /** The next frame of the given type, skipping others (for frames that interleave). */
    public JsonObject nextOfType(String type) {
        return frames.nextOfType(type);
    }

    /** Waits for the server to close the socket and returns the close code. */
    public int awaitClose() {
        try {
            return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return fail("the server did not close the socket within " + TIMEOUT);
        } catch (Exception e) {
            throw new AssertionError("the socket failed instead of closing", e);
        }
    }

    /** Waits until the connection is gone, by a close or a reset (a killed server's kernel may send either). */
    public void awaitGone() {
        try {
            closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("the socket was still open after " + TIMEOUT);
        } catch (ExecutionException reset) {
            // gone all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while waiting for the socket to go");
        }
    }

    @Override
    public boolean isClosed() {
        return closed.isDone();
    }

    public int pingsReceived() {
        return pings.get();
    }

    public int pendingFrames() {
        return frames.size();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Json.createReader(new StringReader(partial.toString())).readObject());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
