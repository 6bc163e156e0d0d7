package dev.parley.accounts.boundary;

import dev.parley.accounts.control.AccountService;
import dev.parley.accounts.control.CredentialService;
import dev.parley.accounts.control.LoginService;
import dev.parley.accounts.entity.Account;
import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.platform.config.Settings;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.error.RateLimitedException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import dev.parley.platform.web.Public;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Duration;

/** Registration, API tokens, and browser login/logout with the session cookie. */
@Path("auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    AccountService accounts;

    @Inject
    LoginService logins;

    @Inject
    CredentialService credentials;

    @Inject
    Settings settings;

    @Inject
    JsonCodec codec;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @POST
    @Path("register")
    @Public
    public Response register(String body) {
        JsonObject json = codec.readObject(body);
        Account account = accounts.register(
                JsonFields.requireString(json, "username"),
                JsonFields.requireString(json, "password"),
                JsonFields.optionalString(json, "displayName").orElse(null));
        return Response.status(Response.Status.CREATED)
                .entity(new RegisterView(account.username(), account.displayName()))
                .build();
    }

    /** {@code ttl} (optional, seconds) asks for a shorter lifetime than {@code PARLEY_TOKEN_TTL}. */
    @POST
    @Path("token")
    @Public
    public TokenView token(String body) {
        JsonObject json = codec.readObject(body);
        Duration ttl = JsonFields.optionalLong(json, "ttl").map(this::requestedTtl).orElse(settings.tokenTtl());
        Account account = authenticate(json);
        CredentialService.Issued issued = credentials.issue(account.username(), CredentialKind.TOKEN, ttl);
        return new TokenView(issued.secret(), issued.expiresAt());
    }

    /**
     * Exchanges the API token this call is made with for a new one, without the password (a client's
     * {@code getToken()} calls this before its token expires). {@code ttl} as for {@code token}. The old
     * token stays valid until its own expiry, so sockets opened with it are not cut; logging out ends
     * only the credential of the call. A browser session logs in again instead.
     */
    @POST
    @Path("refresh")
    @Consumes(MediaType.WILDCARD) // no body at all is fine: some JAX-RS runtimes refuse that under JSON-only
    public TokenView refresh(@HeaderParam("Content-Type") String contentType, String body) {
        if (!(security.getUserPrincipal() instanceof ParleyPrincipal caller)) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "a valid API token is required");
        }
        if (caller.via() != CredentialKind.TOKEN) {
            throw ParleyException.badRequest("'refresh' exchanges an API token (Authorization: Bearer); a browser session logs in again");
        }
        boolean empty = body == null || body.isBlank();
        if (!empty && !isJson(contentType)) {
            throw new NotSupportedException("a body must be application/json");
        }
        JsonObject json = empty ? JsonValue.EMPTY_JSON_OBJECT : codec.readObject(body);
        Duration ttl = JsonFields.optionalLong(json, "ttl").map(this::requestedTtl).orElse(settings.tokenTtl());
        CredentialService.Issued issued = credentials.issue(caller.username(), CredentialKind.TOKEN, ttl);
        return new TokenView(issued.secret(), issued.expiresAt());
    }

    @POST
    @Path("login")
    @Public
    public Response login(String body) {
        Account account = authenticate(codec.readObject(body));
        // A new random session at every login: a session id planted before login is worthless.
        CredentialService.Issued issued = credentials.issue(account.username(), CredentialKind.SESSION, settings.sessionTtl());
        return Response.ok(AccountView.of(account))
                .cookie(sessionCookie(issued.secret(), (int) settings.sessionTtl().getSeconds()))
                .build();
    }

    /** Ends the credential this call was made with and closes the sockets opened with it (1008). */
    @POST
    @Path("logout")
    @Public
    public Response logout() {
        if (security.getUserPrincipal() instanceof ParleyPrincipal caller) {
            credentials.revoke(caller);
        }
        return Response.noContent().cookie(sessionCookie("", 0)).build();
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null && MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private Account authenticate(JsonObject json) {
        String username = JsonFields.requireString(json, "username");
        String password = JsonFields.requireString(json, "password");
        LoginService.Outcome outcome = logins.login(username, password);
        if (outcome instanceof LoginService.Success success) {
            return success.account();
        }
        if (outcome instanceof LoginService.Locked locked) {
            throw new RateLimitedException("too many failed logins for this account; try again later", locked.retryAfter());
        }
        throw new ParleyException(ErrorCode.UNAUTHORIZED, "bad username or password");
    }

    private Duration requestedTtl(long seconds) {
        if (seconds < 1 || seconds > settings.tokenTtl().getSeconds()) {
            throw ParleyException.badRequest("'ttl' must be between 1 and " + settings.tokenTtl().getSeconds() + " seconds");
        }
        return Duration.ofSeconds(seconds);
    }

    private NewCookie sessionCookie(String value, int maxAge) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return new NewCookie.Builder(AuthenticationFilter.SESSION_COOKIE)
                .value(value)
                .path(path)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
