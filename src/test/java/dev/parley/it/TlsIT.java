package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.Api.json;
import static dev.parley.testing.SocketClient.socketUri;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SocketClient;
import dev.parley.testing.TestCertificate;
import dev.parley.testing.TlsProbe;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Parley on HTTPS with an operator's certificate: a self-signed one made here by keytool, handed over
 * as PEM files, converted by {@code scripts/TlsKeystore.java} and served by the suite's server (Payara
 * Micro with {@code --sslport}, or WildFly with {@code wildfly-config/tls.cli}). Every client here
 * trusts that certificate and nothing else. One boot for the class.
 */
@ExtendWith(ServerProcesses.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {

    private Path work;
    private TestCertificate certificate;
    private ServerProcess server;
    private Api https;
    private Api plain;

    @BeforeAll
    void startWithTls() throws Exception {
        work = Files.createDirectories(Path.of(System.getProperty("it.work", "target/it-work"))).resolve("tls-" + System.nanoTime());
        certificate = TestCertificate.create(work.resolve("certificate"));
        server = ServerProcess.startTls(work, Map.of("PARLEY_DATA_DIR", work.resolve("data").toString()), certificate);
        https = new Api(server.httpsBase(), certificate.trustingOnlyIt());
        plain = new Api(server.base());
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void plainHttpIsRedirectedToHttpsButHealthProbesAreAnswered() {
        int httpsPort = server.httpsBase().getPort();
        Api.Reply page = plain.get("login?next=%2Fpreferences");
        assertEquals(301, page.status());
        assertEquals("https://127.0.0.1:" + httpsPort + "/login?next=%2Fpreferences", page.header("Location").orElseThrow());
        Api.Reply post = plain.post("api/auth/login", json("username", "x", "password", "y"));
        assertEquals(308, post.status(), "a redirect that keeps the method and body");
        assertEquals("https://127.0.0.1:" + httpsPort + "/api/auth/login", post.header("Location").orElseThrow());
        assertEquals(301, SocketClient.refusedStatus(socketUri(server.base(), "chat")), "no socket over plain ws");
        assertEquals(200, plain.get("health/ready").status(), "probes stay on plain HTTP");
        assertTrue(rawStatusLine(server.base(), "evil.example/x").startsWith("HTTP/1.1 400"), "a hostile Host is not redirected to");
    }

    @Test
    void httpsAnswersWithHstsAndSecureCookies() {
        String name = Api.uniqueUser("tls");
        assertEquals(201, https.register(name, "password-" + name).status());
        Api.Reply login = https.post("api/auth/login", json("username", name, "password", "password-" + name),
                "Origin", "https://127.0.0.1:" + server.httpsBase().getPort());
        assertEquals(200, login.status(), login.body());
        String cookie = login.header("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertEquals("max-age=31536000", login.header("Strict-Transport-Security").orElseThrow());
        assertEquals("max-age=31536000", https.get("").header("Strict-Transport-Security").orElseThrow(), "the UI's pages too");
        assertTrue(plain.get("health/ready").header("Strict-Transport-Security").isEmpty(), "HSTS is meaningless over plain HTTP");
    }

    @Test
    void chatNotificationsAndFilesWorkOverWss() {
        try (ChatUser alice = new ChatUser(https, "tls-a"); ChatUser bob = new ChatUser(https, "tls-b")) {
            String room = Api.uniqueUser("tls-room").replace('.', '-').replace('_', '-');
            SocketClient aliceSocket = alice.connectLive();
            SocketClient bobSocket = bob.connectLive();
            String conversation = ChatUser.join(aliceSocket, room);
            ChatUser.join(bobSocket, room);

            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
            Api.Reply uploaded = https.multipart("api/attachments", "file", "cat.png", "image/png", png, "Authorization", alice.auth());
            assertEquals(201, uploaded.status(), uploaded.body());
            String file = uploaded.json().getString("id");
            aliceSocket.send(json("type", "send", "ref", "s1", "conversation", conversation, "text", "over TLS", "clientMsgId", "tls-1",
                    "attachments", Json.createArrayBuilder().add(file).build()));
            JsonObject message = bobSocket.nextOfType("message").getJsonObject("message");
            assertEquals("over TLS", message.getString("text"));
            String url = message.getJsonArray("attachments").getJsonObject(0).getString("url");
            assertArrayEquals(png, https.download(URI.create(url).getPath().substring(1), "Authorization", bob.auth()));

            try (SocketClient inbox = SocketClient.open(certificate.trustingOnlyIt(),
                    socketUri(server.httpsBase(), "notifications"), "Authorization", bob.auth())) {
                inbox.next("welcome");
                String publisher = bearer(https.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
                Api.Reply published = https.post("api/notifications", json("to", Json.createObjectBuilder()
                        .add("users", Json.createArrayBuilder().add(bob.name)).build(), "title", "secure hello"),
                        "Authorization", publisher);
                assertEquals(202, published.status(), published.body());
                assertEquals("secure hello", inbox.next("notification").getJsonObject("notification").getString("title"));
            }
        }
    }

    @Test
    void onlyTls12And13WithForwardSecretAeadSuites() throws IOException {
        String host = server.httpsBase().getHost();
        int port = server.httpsBase().getPort();
        assertEquals(TlsProbe.Answer.SERVER_HELLO, TlsProbe.hello(host, port, TlsProbe.TLS_1_2, TlsProbe.FORWARD_SECRET_AEAD),
                "the probe itself is a valid hello");
        assertNotEquals(TlsProbe.Answer.SERVER_HELLO, TlsProbe.hello(host, port, TlsProbe.TLS_1_1, TlsProbe.FORWARD_SECRET_AEAD),
                "TLS 1.1 is refused");
        assertNotEquals(TlsProbe.Answer.SERVER_HELLO, TlsProbe.hello(host, port, TlsProbe.TLS_1_1, TlsProbe.LEGACY_CBC),
                "TLS 1.1 with the suites it had is refused");
        assertNotEquals(TlsProbe.Answer.SERVER_HELLO, TlsProbe.hello(host, port, TlsProbe.TLS_1_2, TlsProbe.LEGACY_CBC),
                "CBC suites are refused on TLS 1.2");
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        IOException refused = assertThrows(IOException.class, () -> untrusting.send(
                HttpRequest.newBuilder(server.httpsBase().resolve("api/me")).build(), HttpResponse.BodyHandlers.discarding()));
        assertTrue(refused instanceof javax.net.ssl.SSLException || refused.getCause() instanceof javax.net.ssl.SSLException,
                refused::toString);
    }

    /** The status line for a plain request with this {@code Host} (which the JDK's client would not send). */
    private static String rawStatusLine(URI base, String host) {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /api/me HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        } catch (IOException e) {
            throw new AssertionError("plain request failed", e);
        }
    }
}
