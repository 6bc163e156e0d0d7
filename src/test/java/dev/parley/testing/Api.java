package dev.parley.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/** A small REST client for black-box tests: JSON in and out, no cookies kept unless asked. */
public final class Api {

    private static final AtomicInteger USERS = new AtomicInteger();
    private static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    private final URI base;
    private final SSLContext tls;
    private final HttpClient http;

    /**
     * An HTTP/1.1 client, as browsers and load balancers talk to Parley. Java's client otherwise asks
     * to upgrade each plain request to HTTP/2 ({@code h2c}), and Payara Micro's Grizzly can deadlock
     * both its HTTP worker threads on that upgrade while it boots (seen in a thread dump: Http2Session
     * and DefaultOutputSink locked in opposite order), after which the server never answers again.
     */
    public static HttpClient http1(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout).build();
    }

    /** @param base the application's root, e.g. {@code http://localhost:8080/} */
    public Api(URI base) {
        this(base, null);
    }

    /** @param tls what an {@code https} base is trusted with (null: the JDK's default trust) */
    public Api(URI base, SSLContext tls) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.tls = tls;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        this.http = (tls == null ? builder : builder.sslContext(tls)).build();
    }

    /** The TLS trust this client was given (for sockets to the same server), or null. */
    public SSLContext tls() {
        return tls;
    }

    public URI base() {
        return base;
    }

    public URI resolve(String path) {
        return base.resolve(path);
    }

    /** A username no other test of this run uses. */
    public static String uniqueUser(String prefix) {
        return (prefix + "-" + RUN + "-" + USERS.incrementAndGet()).toLowerCase();
    }

    public record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public List<String> headers(String name) {
            return headers.allValues(name);
        }
    }

    public Reply send(String method, String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    /** Sends raw bytes as the body (for bodies that are not valid UTF-8). */
    public Reply sendBytes(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    /** GETs a binary body (an attachment) and returns its bytes; fails unless the answer is 200. */
    public byte[] download(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + path + " interrupted", e);
        }
    }

    /** Posts one file as {@code multipart/form-data}. */
    public Reply multipart(String path, String field, String filename, String contentType, byte[] data, String... headers) {
        String boundary = "parley-test-" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n";
        body.writeBytes(head.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("upload to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("upload interrupted", e);
        }
    }

    public Reply get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    public Reply post(String path, String body, String... headers) {
        return send("POST", path, body, headers);
    }

    public Reply register(String username, String password) {
        return post("api/auth/register", json("username", username, "password", password, "displayName", username));
    }

    /** Registers a fresh user and returns a token for it. */
    public String newUserToken(String prefix) {
        String username = uniqueUser(prefix);
        Reply registered = register(username, "password-" + username);
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        return token(username, "password-" + username);
    }

    public String token(String username, String password) {
        Reply reply = post("api/auth/token", json("username", username, "password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException("token failed: " + reply);
        }
        return reply.json().getString("token");
    }

    /** Logs in like a browser and returns the session cookie's value. */
    public String login(String username, String password) {
        Reply reply = post("api/auth/login", json("username", username, "password", password));
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return reply.headers("Set-Cookie").stream()
                .filter(c -> c.startsWith("parley_session="))
                .map(c -> c.substring("parley_session=".length(), c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie in " + reply));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Builds a JSON object from name/value pairs (strings, numbers, booleans, JsonValues). */
    public static String json(Object... pairs) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            Object value = pairs[i + 1];
            if (value == null) {
                builder.addNull(name);
            } else if (value instanceof String s) {
                builder.add(name, s);
            } else if (value instanceof Integer n) {
                builder.add(name, n);
            } else if (value instanceof Long n) {
                builder.add(name, n);
            } else if (value instanceof Double d) {
                builder.add(name, d);
            } else if (value instanceof Boolean b) {
                builder.add(name, b);
            } else if (value instanceof JsonValue v) {
                builder.add(name, v);
            } else {
                throw new IllegalArgumentException("unsupported JSON value " + value);
            }
        }
        return builder.build().toString();
    }
}
