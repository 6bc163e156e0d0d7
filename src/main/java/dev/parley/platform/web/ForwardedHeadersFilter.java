package dev.parley.platform.web;

import dev.parley.platform.config.Settings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;

/**
 * Behind a TLS-terminating proxy, the request Parley sees is plain HTTP. When the peer is a trusted
 * proxy ({@link TrustedProxies}), the scheme the client used, from {@code Forwarded: proto=} or
 * {@code X-Forwarded-Proto}, becomes the request's scheme: cookies are then {@code Secure}, and the
 * Origin check compares the browser's {@code https://} origin with it. From anyone else the headers
 * are ignored. Runs first, before authentication.
 */
public class ForwardedHeadersFilter extends HttpFilter {

    @Inject
    Settings settings;

    private TrustedProxies proxies;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        proxies = TrustedProxies.parse(settings.trustedProxies());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> proto = proxies.trusts(request.getRemoteAddr())
                ? proto(request.getHeaders("Forwarded"), request.getHeaders("X-Forwarded-Proto"))
                : Optional.empty();
        chain.doFilter(proto.<HttpServletRequest>map(scheme -> new Forwarded(request, scheme)).orElse(request), response);
    }

    /**
     * The scheme the trusted proxy reports: the {@code proto} of the last {@code Forwarded} element
     * (the one our proxy added), else the last {@code X-Forwarded-Proto} value; only http or https.
     */
    static Optional<String> proto(Enumeration<String> forwarded, Enumeration<String> xForwardedProto) {
        String last = null;
        while (forwarded != null && forwarded.hasMoreElements()) {
            for (String element : forwarded.nextElement().split(",")) {
                String proto = null;
                for (String pair : element.split(";")) {
                    String[] nameValue = pair.trim().split("=", 2);
                    if (nameValue.length == 2 && nameValue[0].trim().equalsIgnoreCase("proto")) {
                        proto = nameValue[1].trim().replace("\"", "");
                    }
                }
                last = proto;
            }
        }
        if (last == null) {
            while (xForwardedProto != null && xForwardedProto.hasMoreElements()) {
                String[] values = xForwardedProto.nextElement().split(",");
                last = values[values.length - 1].trim();
            }
        }
        if (last == null) {
            return Optional.empty();
        }
        String scheme = last.toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? Optional.of(scheme) : Optional.empty();
    }

    /** The request as the client made it: its scheme, and whether that was secure. */
    private static final class Forwarded extends HttpServletRequestWrapper {

        private final String scheme;

        Forwarded(HttpServletRequest request, String scheme) {
            super(request);
            this.scheme = scheme;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public boolean isSecure() {
            return scheme.equals("https");
        }
    }
}
