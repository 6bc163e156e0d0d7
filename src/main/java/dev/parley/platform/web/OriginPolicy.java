package dev.parley.platform.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether a browser {@code Origin} may open a socket or change state with a cookie (against
 * cross-site WebSocket hijacking and CSRF). With no configured list, only the request's own scheme,
 * host and port are allowed; with {@code PARLEY_ALLOWED_ORIGINS}, exactly the listed origins are.
 */
public final class OriginPolicy {

    private final List<String> allowed;

    public OriginPolicy(List<String> configured) {
        this.allowed = configured.stream().map(OriginPolicy::normalize).filter(Objects::nonNull).toList();
    }

    /**
     * @param origin the request's {@code Origin} header, or {@code null} when absent (non-browser clients)
     * @param scheme the request's scheme ({@code http}/{@code https})
     * @param host   the request's {@code Host} header
     */
    public boolean allows(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        String presented = normalize(origin);
        if (presented == null) {
            return false;
        }
        if (allowed.isEmpty()) {
            return presented.equals(normalize(scheme + "://" + host));
        }
        return allowed.contains(presented);
    }

    /** {@code scheme://host[:port]} in lower case, default ports dropped; {@code null} if not an origin. */
    static String normalize(String origin) {
        try {
            URI uri = new URI(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1
                    || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                    || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
