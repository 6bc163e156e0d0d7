package dev.parley.accounts.boundary;

import dev.parley.accounts.control.CredentialService;
import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.accounts.entity.Role;
import dev.parley.platform.config.Settings;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.web.OriginPolicy;
import dev.parley.platform.web.Problems;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates every request to the sockets and the REST API, before the WebSocket upgrade or the
 * resource runs. A credential is a session cookie, an {@code Authorization: Bearer} token or (on the
 * socket handshake only) an {@code access_token} query parameter; the caller becomes the request's
 * user principal, which the WebSocket session and JAX-RS then see.
 *
 * <p>The fallback transport's paths ({@code /stream/…}) count as handshakes, for every method.
 * Handshakes are refused here with 403 (foreign {@code Origin}, checked first) or 401 (no valid
 * credential), so no upgrade ever happens for them. A cookie-authenticated REST call that changes
 * state from a foreign origin gets 403 too (CSRF).
 */
public class AuthenticationFilter extends HttpFilter {

    public static final String SESSION_COOKIE = "parley_session";
    /** JSON bodies are small; files go to {@code /api/attachments}, which has its own 10 MiB limit. */
    static final long MAX_JSON_BODY = 256 * 1024;
    static final long DRAIN_LIMIT = 16L * 1024 * 1024;
    private static final Set<String> SOCKET_PATHS = Set.of("/chat", "/notifications");
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CredentialService credentials;

    @Inject
    Settings settings;

    @Inject
    JsonCodec codec;

    private OriginPolicy origins;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        origins = new OriginPolicy(settings.allowedOrigins());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // The fallback streams (GET) and their frames (POST) are sockets too: same credentials, same Origin rule.
        boolean socket = SOCKET_PATHS.contains(path) || path.startsWith("/stream/");
        if (!socket && !path.startsWith("/api/")) {
            chain.doFilter(request, response);
            return;
        }
        boolean originAllowed = origins.allows(request.getHeader("Origin"), request.getScheme(), request.getHeader("Host"));
        if (!socket && request.getContentLengthLong() > MAX_JSON_BODY && !path.startsWith("/api/attachments")) {
            // Read (and drop) a moderately large body so the client sees the 413 instead of a reset.
            if (request.getContentLengthLong() <= DRAIN_LIMIT) {
                request.getInputStream().skipNBytes(request.getContentLengthLong());
            } else {
                response.setHeader("Connection", "close");
            }
            refuse(response, ErrorCode.TOO_LARGE, "a request body may be at most " + MAX_JSON_BODY + " bytes");
            return;
        }
        if (socket && !originAllowed) {
            refuse(response, ErrorCode.FORBIDDEN, "origin not allowed");
            return;
        }
        Optional<ParleyPrincipal> caller = authenticate(request, socket);
        if (socket && caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            refuse(response, ErrorCode.UNAUTHORIZED, "a valid session cookie, Bearer token or access_token is required");
            return;
        }
        boolean cookieBased = caller.map(p -> p.via() == CredentialKind.SESSION).orElse(false)
                || path.equals("/api/auth/login");
        if (!socket && cookieBased && !SAFE_METHODS.contains(request.getMethod()) && !originAllowed) {
            refuse(response, ErrorCode.FORBIDDEN, "origin not allowed");
            return;
        }
        chain.doFilter(caller.<HttpServletRequest>map(p -> new Authenticated(request, p)).orElse(request), response);
    }

    private Optional<ParleyPrincipal> authenticate(HttpServletRequest request, boolean socket) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.empty();
            }
            return credentials.resolve(authorization.substring(7).trim(), CredentialKind.TOKEN);
        }
        if (socket) {
            String token = request.getParameter("access_token");
            if (token != null) {
                return credentials.resolve(token, CredentialKind.TOKEN);
            }
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (SESSION_COOKIE.equals(cookie.getName())) {
                    return credentials.resolve(cookie.getValue(), CredentialKind.SESSION);
                }
            }
        }
        return Optional.empty();
    }

    private void refuse(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        Problems.write(response, codec, code, detail);
    }

    /** The request as the rest of the application sees it: with its authenticated caller. */
    static final class Authenticated extends HttpServletRequestWrapper {
        private final ParleyPrincipal principal;

        Authenticated(HttpServletRequest request, ParleyPrincipal principal) {
            super(request);
            this.principal = principal;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.username();
        }

        @Override
        public boolean isUserInRole(String role) {
            for (Role held : principal.roles()) {
                if (held.wireName().equals(role)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String getAuthType() {
            return principal.via() == CredentialKind.SESSION ? "COOKIE" : "BEARER";
        }
    }
}
