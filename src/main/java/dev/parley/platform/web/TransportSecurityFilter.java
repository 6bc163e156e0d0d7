package dev.parley.platform.web;

import dev.parley.platform.config.Settings;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.json.JsonCodec;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HTTPS only, once Parley serves it ({@link Settings#httpsPort()}): a plain HTTP request is redirected
 * to the same URL on the HTTPS port (301 for GET and HEAD, 308, which keeps method and body, for the
 * rest), and every response over HTTPS carries {@code Strict-Transport-Security}, so that browsers
 * never try plain HTTP again. Over a TLS-terminating proxy the scheme is the one it reports
 * ({@link ForwardedHeadersFilter} runs first), so HSTS is sent there too.
 *
 * <p>Health probes ({@code /health}) are answered on plain HTTP: orchestrators probe the pod's HTTP
 * port and do not follow redirects, and the probes carry nothing secret.
 */
public class TransportSecurityFilter extends HttpFilter {

    /** A host name or IPv4 address, or an IPv6 literal in brackets; anything else is not redirected to. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    @Inject
    Settings settings;

    @Inject
    JsonCodec codec;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", "max-age=" + settings.hstsMaxAgeSeconds());
        } else if (settings.httpsPort().isPresent() && !isHealthProbe(request)) {
            Optional<String> target = httpsUrl(request.getServerName(), settings.httpsPort().get(),
                    request.getRequestURI(), request.getQueryString());
            if (target.isEmpty()) {
                Problems.write(response, codec, ErrorCode.BAD_REQUEST,
                        "this server answers over HTTPS only, and the request's Host is not a host name");
                return;
            }
            boolean safe = request.getMethod().equals("GET") || request.getMethod().equals("HEAD");
            response.setStatus(safe ? HttpServletResponse.SC_MOVED_PERMANENTLY : 308);
            response.setHeader("Location", target.get());
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isHealthProbe(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/health") || path.startsWith("/health/");
    }

    /**
     * The HTTPS URL of a plain request: same host (without its port), the HTTPS port unless it is
     * 443, same path and query; empty when the host is not a host name (a hostile {@code Host}).
     */
    static Optional<String> httpsUrl(String host, int httpsPort, String requestUri, String query) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host; // a bare IPv6 address
        if (!HOST.matcher(name).matches()) {
            return Optional.empty();
        }
        String path = requestUri == null || !requestUri.startsWith("/") ? "/" : requestUri;
        return Optional.of("https://" + name + (httpsPort == 443 ? "" : ":" + httpsPort) + path
                + (query == null ? "" : "?" + query));
    }
}
