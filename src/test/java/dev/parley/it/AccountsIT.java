package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.Api.Reply;
import dev.parley.testing.Poll;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accounts and authentication over REST, black-box against the deployed WAR. */
class AccountsIT extends AgainstDeployment {

    /** Set for the test server in the pom (Failsafe's environment). */
    static final String ADMIN = "root-admin";
    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @Test
    void registrationCreatesTheAccountOnce() {
        String name = Api.uniqueUser("reg");
        Reply created = api.post("api/auth/register", json("username", name, "password", "12345678", "displayName", "Émile Zola"));
        assertEquals(201, created.status(), created.body());
        assertEquals(name, created.json().getString("username"));
        assertEquals("Émile Zola", created.json().getString("displayName"));

        Reply again = api.post("api/auth/register", json("username", name, "password", "another-pass"));
        assertEquals(409, again.status());
        assertProblem(again, "conflict");
    }

    @Test
    void usernamesMustMatchTheContractPattern() {
        for (String bad : List.of("ab", "UPPER", "with space", "x".repeat(33), "semi;colon")) {
            Reply reply = api.register(bad, "password-ok");
            assertEquals(400, reply.status(), bad);
            assertProblem(reply, "bad_request");
        }
        assertEquals(201, api.register((Api.uniqueUser("max") + "x".repeat(32)).substring(0, 32), "password-ok").status());
    }

    @Test
    void passwordsMustBe8To128Characters() {
        assertEquals(400, api.register(Api.uniqueUser("pw"), "1234567").status());
        assertEquals(400, api.register(Api.uniqueUser("pw"), "x".repeat(129)).status());
        assertEquals(201, api.register(Api.uniqueUser("pw"), "12345678").status());
        assertEquals(201, api.register(Api.uniqueUser("pw"), "x".repeat(128)).status());
    }

    @Test
    void malformedBodiesGetAProblemNotACrash() {
        List<String> bodies = List.of("", "not json", "{\"username\":", "[]", "\"text\"",
                json("username", 42, "password", "12345678"),
                json("username", Api.uniqueUser("t"), "password", true),
                json("username", Api.uniqueUser("t")),
                json("username", Api.uniqueUser("t"), "password", "12345678", "displayName", 7));
        for (String body : bodies) {
            Reply reply = api.post("api/auth/register", body);
            assertEquals(400, reply.status(), "body " + body + " -> " + reply.body());
            assertProblem(reply, "bad_request");
        }
        Reply wrongType = api.send("POST", "api/auth/register", null, "Content-Type", "text/plain");
        assertEquals(415, wrongType.status());
        assertTrue(wrongType.header("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void tokensAuthenticateRestCallsAndBadCredentialsDoNot() {
        String name = Api.uniqueUser("tok");
        api.register(name, "password-1");
        Reply token = api.post("api/auth/token", json("username", name, "password", "password-1"));
        assertEquals(200, token.status());
        assertTrue(token.json().getString("expiresAt").endsWith("Z"), token.body());

        Reply me = api.get("api/me", "Authorization", bearer(token.json().getString("token")));
        assertEquals(200, me.status());
        assertEquals(name, me.json().getString("username"));
        assertEquals(List.of("user"), me.json().getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());

        assertEquals(401, api.post("api/auth/token", json("username", name, "password", "password-2")).status());
        assertEquals(401, api.post("api/auth/token", json("username", Api.uniqueUser("ghost"), "password", "password-1")).status());
        assertEquals(401, api.get("api/me").status());
        assertEquals(401, api.get("api/me", "Authorization", bearer("not-a-token")).status());
        assertEquals(401, api.get("api/me", "Authorization", "Basic " + "x".repeat(10)).status());
        Reply anonymous = api.get("api/me");
        assertProblem(anonymous, "unauthorized");
        assertEquals("Bearer", anonymous.header("WWW-Authenticate").orElse(""));
    }

    @Test
    void tokensExpire() {
        String name = Api.uniqueUser("exp");
        api.register(name, "password-1");
        Reply token = api.post("api/auth/token", json("username", name, "password", "password-1", "ttl", 1));
        assertEquals(200, token.status());
        String auth = bearer(token.json().getString("token"));
        assertTrue(Poll.until(Duration.ofSeconds(15), () -> api.get("api/me", "Authorization", auth).status() == 401),
                "the token was still accepted after its lifetime");
        assertEquals(400, api.post("api/auth/token", json("username", name, "password", "password-1", "ttl", 0)).status());
        assertEquals(400, api.post("api/auth/token", json("username", name, "password", "password-1", "ttl", 3601)).status());
    }

    @Test
    void aTokenIsExchangedForANewOneWithoutThePassword() {
        String name = Api.uniqueUser("ref");
        api.register(name, "password-1");
        String old = api.token(name, "password-1");
        Reply refreshed = api.post("api/auth/refresh", json("ttl", 600), "Authorization", bearer(old));
        assertEquals(200, refreshed.status(), refreshed.body());
        String fresh = refreshed.json().getString("token");
        assertNotEquals(old, fresh);
        Duration lifetime = Duration.between(Instant.now(), Instant.parse(refreshed.json().getString("expiresAt")));
        assertTrue(lifetime.compareTo(Duration.ofSeconds(590)) > 0 && lifetime.compareTo(Duration.ofSeconds(600)) <= 0, lifetime.toString());
        assertEquals(name, api.get("api/me", "Authorization", bearer(fresh)).json().getString("username"));
        assertEquals(200, api.get("api/me", "Authorization", bearer(old)).status(), "the old token lives until its own expiry");
        assertEquals(200, api.post("api/auth/refresh", null, "Authorization", bearer(fresh)).status(), "no body: the default lifetime");

        assertEquals(401, api.post("api/auth/refresh", null).status(), "no credential");
        assertEquals(401, api.post("api/auth/refresh", null, "Authorization", bearer("not-a-token")).status());
        assertEquals(400, api.post("api/auth/refresh", json("ttl", 0), "Authorization", bearer(fresh)).status());
        String session = api.login(name, "password-1");
        Reply bySession = api.post("api/auth/refresh", null, "Cookie", "parley_session=" + session);
        assertEquals(400, bySession.status(), "a browser session logs in again");
        assertTrue(bySession.header("Content-Type").orElse("").startsWith("application/problem+json"), bySession.toString());
    }

    /**
     * The suite's server trusts loopback as its proxy (PARLEY_TRUSTED_PROXIES in the pom), as a node
     * behind nginx on the same host would: the scheme nginx reports is the one cookies and the Origin
     * check go by.
     */
    @Test
    void behindATrustedProxyTheClientsSchemeDecidesSecureCookiesAndTheOriginCheck() {
        String name = Api.uniqueUser("tls");
        api.register(name, "password-1");
        String credentials = json("username", name, "password", "password-1");
        assertFalse(sessionCookie(api.post("api/auth/login", credentials)).toLowerCase().contains("secure"), "plain HTTP: not Secure");
        assertTrue(sessionCookie(api.post("api/auth/login", credentials, "X-Forwarded-Proto", "https")).toLowerCase().contains("secure"));
        assertTrue(sessionCookie(api.post("api/auth/login", credentials, "Forwarded", "for=203.0.113.9;proto=https"))
                .toLowerCase().contains("secure"));

        String session = api.login(name, "password-1");
        String httpsOrigin = "https://" + api.base().getAuthority();
        assertEquals(403, api.post("api/auth/refresh", null, "Cookie", "parley_session=" + session, "Origin", httpsOrigin).status(),
                "an https page does not match a plain request");
        assertEquals(400, api.post("api/auth/refresh", null, "Cookie", "parley_session=" + session, "Origin", httpsOrigin,
                "X-Forwarded-Proto", "https").status(), "it matches what the proxy says the client used (and gets past the check)");
        assertEquals(403, api.post("api/auth/refresh", null, "Cookie", "parley_session=" + session, "Origin", httpsOrigin,
                "X-Forwarded-Proto", "ftp").status(), "only http or https are believed");
    }

    private static String sessionCookie(Reply login) {
        assertEquals(200, login.status(), login.body());
        return login.headers("Set-Cookie").stream().filter(c -> c.startsWith("parley_session=")).findFirst().orElseThrow();
    }

    @Test
    void browserLoginSetsAFreshHttpOnlySameSiteCookie() {
        String name = Api.uniqueUser("web");
        api.register(name, "password-1");
        Reply login = api.post("api/auth/login", json("username", name, "password", "password-1"));
        assertEquals(200, login.status());
        String cookie = login.headers("Set-Cookie").stream().filter(c -> c.startsWith("parley_session=")).findFirst().orElseThrow();
        String lower = cookie.toLowerCase();
        assertTrue(lower.contains("httponly"), cookie);
        assertTrue(lower.contains("samesite=lax"), cookie);
        assertTrue(lower.contains("path=/"), cookie);

        String first = api.login(name, "password-1");
        String second = api.login(name, "password-1");
        assertNotEquals(first, second, "every login starts a new session");
        Reply me = api.get("api/me", "Cookie", "parley_session=" + first);
        assertEquals(200, me.status());
        assertEquals(name, me.json().getString("username"));
    }

    @Test
    void logoutEndsExactlyTheCredentialUsed() {
        String name = Api.uniqueUser("out");
        api.register(name, "password-1");
        String session = api.login(name, "password-1");
        String other = api.login(name, "password-1");
        String token = api.token(name, "password-1");

        Reply logout = api.post("api/auth/logout", null, "Cookie", "parley_session=" + session);
        assertEquals(204, logout.status());
        assertTrue(logout.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("parley_session=;") || c.contains("Max-Age=0")),
                "the cookie is cleared");
        assertEquals(401, api.get("api/me", "Cookie", "parley_session=" + session).status());
        assertEquals(200, api.get("api/me", "Cookie", "parley_session=" + other).status());

        assertEquals(204, api.post("api/auth/logout", null, "Authorization", bearer(token)).status());
        assertEquals(401, api.get("api/me", "Authorization", bearer(token)).status());
    }

    @Test
    void failedLoginsAreThrottledPerAccount() {
        String name = Api.uniqueUser("lock");
        String bystander = Api.uniqueUser("free");
        api.register(name, "password-1");
        api.register(bystander, "password-1");
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api.post("api/auth/token", json("username", name, "password", "wrong-pass")).status());
        }
        Reply locked = api.post("api/auth/token", json("username", name, "password", "password-1"));
        assertEquals(429, locked.status(), "even the right password waits while locked");
        assertProblem(locked, "rate_limited");
        long retryAfter = Long.parseLong(locked.header("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertEquals(429, api.post("api/auth/login", json("username", name, "password", "password-1")).status());
        assertEquals(200, api.post("api/auth/token", json("username", bystander, "password", "password-1")).status());
    }

    @Test
    void adminBootstrapAccountGrantsRoles() {
        String admin = api.token(ADMIN, ADMIN_PASSWORD);
        JsonObject me = api.get("api/me", "Authorization", bearer(admin)).json();
        assertTrue(me.getJsonArray("roles").toString().contains("\"admin\""), me.toString());
        assertTrue(me.getJsonArray("roles").toString().contains("\"publisher\""), me.toString());

        String name = Api.uniqueUser("pub");
        api.register(name, "password-1");
        String userToken = api.token(name, "password-1");
        String grant = json("roles", Json.createArrayBuilder().add("publisher").build());

        assertEquals(401, api.send("PUT", "api/admin/users/" + name + "/roles", grant).status());
        Reply forbidden = api.send("PUT", "api/admin/users/" + name + "/roles", grant, "Authorization", bearer(userToken));
        assertEquals(403, forbidden.status());
        assertProblem(forbidden, "forbidden");

        Reply granted = api.send("PUT", "api/admin/users/" + name + "/roles", grant, "Authorization", bearer(admin));
        assertEquals(200, granted.status(), granted.body());
        assertEquals("[\"user\",\"publisher\"]", granted.json().getJsonArray("roles").toString());
        assertTrue(api.get("api/me", "Authorization", bearer(userToken)).body().contains("publisher"));

        assertEquals(404, api.send("PUT", "api/admin/users/" + Api.uniqueUser("nobody") + "/roles", grant, "Authorization", bearer(admin)).status());
        assertEquals(400, api.send("PUT", "api/admin/users/" + name + "/roles",
                json("roles", Json.createArrayBuilder().add("root").build()), "Authorization", bearer(admin)).status());
        assertEquals(400, api.send("PUT", "api/admin/users/" + name + "/roles", json("roles", "admin"), "Authorization", bearer(admin)).status());
    }

    @Test
    void cookieCallsThatChangeStateFromAForeignOriginAreRefused() throws Exception {
        String name = Api.uniqueUser("csrf");
        api.register(name, "password-1");
        String session = api.login(name, "password-1");
        URI own = http;
        String ownOrigin = own.getScheme() + "://" + own.getHost() + ":" + own.getPort();

        Reply foreign = api.post("api/auth/logout", null, "Cookie", "parley_session=" + session, "Origin", "https://evil.example");
        assertEquals(403, foreign.status());
        assertProblem(foreign, "forbidden");
        assertEquals(200, api.get("api/me", "Cookie", "parley_session=" + session).status(), "the session survived");
        assertEquals(403, api.post("api/auth/login", json("username", name, "password", "password-1"), "Origin", "https://evil.example").status());

        assertEquals(200, api.get("api/me", "Cookie", "parley_session=" + session, "Origin", "https://evil.example").status(),
                "reads are not state changes");
        assertEquals(204, api.post("api/auth/logout", null, "Cookie", "parley_session=" + session, "Origin", ownOrigin).status());
    }

    @Test
    void everyPageIsServedWithSecurityHeadersAndNoInlineScript() {
        for (String path : List.of("", "login", "preferences", "live")) {
            Reply page = api.get(path);
            assertEquals(200, page.status(), path);
            assertTrue(page.body().contains("<title>") && page.body().contains("Parley</title>"), path);
            assertTrue(page.body().contains("<script type=\"module\" src=\""), path);
            assertTrue(!page.body().contains("<script>") && !page.body().contains(" onclick="), "no inline script on " + path);
            String csp = page.header("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
            assertEquals("nosniff", page.header("X-Content-Type-Options").orElseThrow());
            assertEquals("DENY", page.header("X-Frame-Options").orElseThrow());
        }
        assertEquals(404, api.get("no-such-page").status());
        Reply client = api.get("js/parley-client.js");
        assertEquals(200, client.status());
        assertTrue(client.header("Content-Type").orElse("").contains("javascript"), client.header("Content-Type").toString());
    }

    @Test
    void healthChecksTheDatabase() throws Exception {
        Api server = new Api(http.resolve("/"));
        Reply ready = server.get("health/ready");
        assertEquals(200, ready.status(), ready.body());
        JsonObject check = ready.json().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> "database".equals(c.getString("name"))).findFirst().orElseThrow(() -> new AssertionError(ready.body()));
        assertEquals("UP", check.getString("status"));
        assertEquals(200, server.get("health/live").status());
    }

    static void assertProblem(Reply reply, String code) {
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/problem+json"), reply.toString());
        JsonObject problem = reply.json();
        assertEquals(code, problem.getString("code"), reply.body());
        assertEquals(reply.status(), problem.getInt("status"));
        assertTrue(!problem.getString("detail").isBlank());
    }
}
