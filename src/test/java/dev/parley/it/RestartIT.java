package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Api;
import dev.parley.testing.PayaraProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Storage survives a restart: stop the server, start it again on the same data folder. */
class RestartIT {

    @TempDir
    Path work;

    @Test
    void accountsAndTokensSurviveARestart() throws Exception {
        Map<String, String> environment = Map.of("PARLEY_DATA_DIR", work.resolve("data").toString());
        String name = Api.uniqueUser("durable");
        String token;
        try (PayaraProcess first = PayaraProcess.start(work, environment)) {
            Api api = new Api(first.base());
            assertEquals(201, api.register(name, "password-1").status());
            token = api.token(name, "password-1");
            first.stop();
        }
        try (PayaraProcess second = PayaraProcess.start(work, environment)) {
            Api api = new Api(second.base());
            assertEquals(409, api.register(name, "password-1").status(), "the account is still there");
            assertEquals(200, api.get("api/me", "Authorization", bearer(token)).status(), "the token is still valid");
            assertEquals(name, api.get("api/me", "Authorization", bearer(api.token(name, "password-1"))).json().getString("username"));
        }
    }
}
