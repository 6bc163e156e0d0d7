package dev.parley.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.parley.testing.Browser;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The logic of {@code /js/parley-client.js} (backoff, resume cursors, outbox, dedupe, reconnect),
 * tested in real Chromium against a fake server socket. No Parley server: a JDK HTTP server serves
 * the module and the test page from the source tree.
 */
class ParleyClientTest {

    @Test
    void theClientsLogicPassesItsTestsInChromium() throws Exception {
        Browser.unavailable().ifPresent(reason -> {
            System.out.println("SKIPPED ParleyClientTest: " + reason);
            Assumptions.abort(reason);
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Path root = Path.of(path.startsWith("/js/") ? "src/main/webapp" : "src/test/resources/browser").toAbsolutePath();
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.getResponseHeaders().set("Content-Type", path.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Browser browser = Browser.start()) {
            browser.driver().get("http://127.0.0.1:" + server.getAddress().getPort() + "/client-tests.html");
            String text = browser.await(d -> {
                String results = d.findElement(By.id("results")).getText();
                return results.startsWith("{") ? results : null;
            });
            JsonObject results = Json.createReader(new StringReader(text)).readObject();
            assertEquals(0, results.getJsonArray("failed").size(), "failed: " + results.getJsonArray("failed"));
            List<String> passed = results.getJsonArray("passed").getValuesAs(JsonString::getString);
            assertEquals(declaredTests(), passed, "every declared test ran once, in order, and passed");
        } finally {
            server.stop(0);
        }
    }

    /** The names of the tests {@code client-tests.js} declares, read from its source, in order. */
    private static List<String> declaredTests() throws IOException {
        Matcher declaration = Pattern.compile("^test\\('([^']*)'", Pattern.MULTILINE)
                .matcher(Files.readString(Path.of("src/test/resources/browser/client-tests.js")));
        List<String> names = new ArrayList<>();
        while (declaration.find()) {
            names.add(declaration.group(1));
        }
        assertTrue(names.size() >= 10, "the declarations were found: " + names);
        return names;
    }
}
