package dev.parley.sockets;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link Transport} over a server-sent-events response ({@code text/event-stream}), written with the
 * servlet container's non-blocking output, so a client that stops reading stalls only its own stream
 * (its {@link Connection} then closes it, as it would a socket). Events:
 * <ul>
 * <li>{@code event: stream}, first: {@code data: {"id":"…"}}, the id frames are posted to;</li>
 * <li>every frame as a bare {@code data:} line (compact JSON has no line break);</li>
 * <li>{@code event: ping} with the heartbeat's mark, which the client posts back as its pong;</li>
 * <li>{@code event: close} with {@code {"code":…,"reason":"…"}}: what a WebSocket close frame would say,
 * after which the response ends.</li>
 * </ul>
 */
final class EventStreamTransport implements Transport, WriteListener {

    private static final Logger LOG = Logger.getLogger(EventStreamTransport.class.getName());

    private record Chunk(byte[] bytes, Consumer<Throwable> done) {
    }

    private final AsyncContext async;
    private final ServletOutputStream out;
    private final String id;
    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private boolean flushPending;
    private boolean completeWhenDrained;
    private boolean ended;

    EventStreamTransport(AsyncContext async, ServletOutputStream out, String id) {
        this.async = async;
        this.out = out;
        this.id = id;
        // A retry hint for EventSource, and the stream's id; written as soon as the container is ready.
        chunks.add(new Chunk(("retry: 2000\nevent: stream\ndata: {\"id\":\"" + id + "\"}\n\n").getBytes(StandardCharsets.UTF_8), null));
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        enqueue("data: " + text + "\n\n", done);
    }

    @Override
    public void sendPing(long mark) throws IOException {
        enqueue("event: ping\ndata: " + mark + "\n\n", null);
    }

    /**
     * Says why in a close event and ends the response once it is written; a client that is not reading
     * (the container cannot take more) has the response ended at once, pending writes failed.
     */
    @Override
    public void close(int code, String reason) {
        List<Consumer<Throwable>> failed = new ArrayList<>();
        synchronized (this) {
            if (ended || completeWhenDrained) {
                return;
            }
            completeWhenDrained = true;
            String event = "event: close\ndata: {\"code\":" + code + ",\"reason\":\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"}\n\n";
            chunks.add(new Chunk(event.getBytes(StandardCharsets.UTF_8), null));
            if (!ready()) {
                end(failed, true); // a client that is not reading: end the response now
            }
        }
        failed.forEach(done -> done.accept(new IOException("stream " + id + " closed")));
        pump();
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable failure) {
        LOG.log(Level.FINE, "Stream " + id + " failed", failure);
        List<Consumer<Throwable>> failed = new ArrayList<>();
        synchronized (this) {
            end(failed, false); // the container ends a response whose connection failed
        }
        failed.forEach(done -> done.accept(failure));
    }

    private void enqueue(String event, Consumer<Throwable> done) {
        synchronized (this) {
            if (!ended && !completeWhenDrained) {
                chunks.add(new Chunk(event.getBytes(StandardCharsets.UTF_8), done));
                done = null;
            }
        }
        if (done != null) {
            done.accept(new IOException("stream " + id + " closed"));
            return;
        }
        pump();
    }

    /** Writes what the container will take now; the rest when it calls {@link #onWritePossible}. */
    private void pump() {
        List<Consumer<Throwable>> written = new ArrayList<>();
        List<Consumer<Throwable>> failed = new ArrayList<>();
        IOException failure = null;
        synchronized (this) {
            try {
                while (!ended && ready()) {
                    if (flushPending) {
                        flushPending = false;
                        out.flush();
                        continue;
                    }
                    Chunk chunk = chunks.poll();
                    if (chunk == null) {
                        if (completeWhenDrained) {
                            end(failed, true);
                        }
                        break;
                    }
                    out.write(chunk.bytes());
                    flushPending = true;
                    if (chunk.done() != null) {
                        written.add(chunk.done());
                    }
                }
            } catch (IOException | IllegalStateException e) {
                failure = e instanceof IOException io ? io : new IOException(e);
                end(failed, false); // the connection is gone: the container ends the response (and reports it)
            }
        }
        written.forEach(done -> done.accept(null));
        IOException cause = failure == null ? new IOException("stream " + id + " closed") : failure;
        failed.forEach(done -> done.accept(cause));
    }

    private boolean ready() {
        try {
            return out.isReady();
        } catch (IllegalStateException notAsyncAnyMore) {
            return false;
        }
    }

    /**
     * Ends the stream (once), handing back the callbacks of what was never written; {@code complete}
     * ends the response too, which only an orderly end does: after a failed connection the container
     * ends it itself (completing it again makes Undertow log an error about the closed channel).
     */
    private void end(List<Consumer<Throwable>> failed, boolean complete) {
        if (ended) {
            return;
        }
        ended = true;
        for (Chunk chunk : chunks) {
            if (chunk.done() != null) {
                failed.add(chunk.done());
            }
        }
        chunks.clear();
        if (complete) {
            try {
                async.complete();
            } catch (IllegalStateException alreadyDone) {
                // the container ended it first (the client went away)
            }
        }
    }
}
