package dev.parley.testing;


import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A client of the fallback transport: a server-sent-events stream ({@code GET /stream/chat}) read on
 * a thread of its own, every {@code data:} frame parsed and queued; frames to the server POSTed one
 * by one. Answers pings itself when asked to (as a browser client does), like the JDK's WebSocket
 * answers them on a socket.
 */
public final class StreamClient implements FrameConnection, AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI endpoint;
    private final String[] headers;
    private final CompletableFuture<String> id = new CompletableFuture<>();
    private final CompletableFuture<JsonObject> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicBoolean answerPings = new AtomicBoolean(true);
    private final FrameQueue frames = new FrameQueue(() -> "stream "
            + (closed.isDone() ? "closed: " + closed.join() : "open") + ", " + pings.get() + " pings received");
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private StreamClient(URI endpoint, String... headers) {
        this.endpoint = endpoint;
        this.headers = headers;
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).header("Accept", "text/event-stream").GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        // A thread of its own per stream: reading blocks, and a shared pool would starve other streams.
        response.thenAcceptAsync(this::read, task -> {
            Thread reader = new Thread(task, "stream-reader");
            reader.setDaemon(true);
            reader.start();
        });
    }

    /** Opens a stream on {@code /stream/{channel}} under a base URL and waits for its id; fails the test if refused. */
    public static StreamClient open(URI base, String channel, String... headers) {
        StreamClient client = new StreamClient(base.resolve("stream/" + channel), headers);
        client.awaitId();
        return client;
    }

    /** The HTTP status of a stream request that must be refused. */
    public static int refusedStatus(URI base, String channel, String... headers) {
        StreamClient client = new StreamClient(base.resolve("stream/" + channel), headers);
        try {
            int status = client.response.get(SocketClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode();
            client.close();
            return status;
        } catch (Exception e) {
            throw new AssertionError("the stream request failed without a status", e);
        }
    }

    public String id() {
        return awaitId();
    }

    private String awaitId() {
        try {
            return id.get(SocketClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no stream id within " + SocketClient.TIMEOUT + " from " + endpoint
                    + (response.isDone() && !response.isCompletedExceptionally() ? " (HTTP " + response.join().statusCode() + ")" : ""), e);
        }
    }

    /** Stop (or resume) answering the server's pings, as a client that stopped reading would. */
    public void answerPings(boolean answer) {
        answerPings.set(answer);
    }

    /** POSTs one frame; returns the HTTP status (202 when accepted; answers come on the stream). */
    public int send(String frame) {
        return post("", frame.getBytes(StandardCharsets.UTF_8)).statusCode();
    }

    /** POSTs raw bytes as a frame, for bodies that are not UTF-8 or too large. */
    public HttpResponse<String> sendBytes(byte[] body) {
        return post("", body);
    }

    private HttpResponse<String> post(String suffix, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + "/" + awaitId() + suffix))
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("POST to stream failed", e);
        }
    }

    @Override
    public boolean offer(String frame) {
        return send(frame) == 202;
    }

    /** The next frame, whatever it is; fails after {@link SocketClient#TIMEOUT}. */
    public JsonObject next() {
        return frames.next();
    }

    /** The next frame within {@code timeout}, or null. */
    @Override
    public JsonObject poll(Duration timeout) {
        return frames.poll(timeout);
    }

    @Override
    public boolean isClosed() {
        return closed.isDone();
    }

    /** The next frame, which must be of the given type. */
    public JsonObject next(String type) {
        return frames.next(type);
    }

    /** The next frame of the given type, skipping others (for frames that interleave). */
    public JsonObject nextOfType(String type) {
        return frames.nextOfType(type);
    }

    /** Waits for the server's close event and returns it ({@code code}, {@code reason}). */
    public JsonObject awaitClose() {
        try {
            return closed.get(SocketClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the stream within " + SocketClient.TIMEOUT, e);
        }
    }

    public int pingsReceived() {
        return pings.get();
    }

    private void read(HttpResponse<Stream<String>> answer) {
        if (answer.statusCode() != 200) {
            answer.body().close();
            return;
        }
        String event = "message";
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = answer.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    dispatch(event, data.toString());
                    event = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).trim());
                }
            }
        } catch (RuntimeException ended) {
            // the stream was cut
        }
        closed.complete(Json.createObjectBuilder().add("code", -1).add("reason", "the stream ended without a close event").build());
    }

    private void dispatch(String event, String data) {
        switch (event) {
            case "stream" -> id.complete(parse(data).getString("id"));
            case "ping" -> {
                pings.incrementAndGet();
                if (answerPings.get()) {
                    CompletableFuture.runAsync(() -> post("/pong", data.getBytes(StandardCharsets.US_ASCII)));
                }
            }
            case "close" -> closed.complete(parse(data));
            default -> frames.add(parse(data));
        }
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Override
    public void close() {
        response.thenAccept(answer -> answer.body().close());
        response.cancel(true);
    }
}
