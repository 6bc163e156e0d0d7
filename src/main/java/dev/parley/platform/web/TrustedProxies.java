package dev.parley.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The peers whose {@code Forwarded} and {@code X-Forwarded-Proto} headers Parley believes
 * ({@code PARLEY_TRUSTED_PROXIES}): IP addresses or CIDR ranges, IPv4 or IPv6, such as
 * {@code 127.0.0.1, 10.0.0.0/8, ::1}. Anyone else's forwarding headers are ignored: a client must
 * not be able to claim it came over HTTPS. Entries must be literal addresses (no host names, so no
 * DNS lookup decides who is trusted).
 */
public final class TrustedProxies {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    private record Range(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses the entries; an entry that is not a literal address or range is refused, naming it. */
    public static TrustedProxies parse(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split("/", -1);
            byte[] network = literal(parts[0], entry);
            int prefix = network.length * 8;
            if (parts.length == 2) {
                try {
                    prefix = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
            }
            if (parts.length > 2 || prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("PARLEY_TRUSTED_PROXIES: '" + entry + "' is not an address or an address/prefix");
            }
            ranges.add(new Range(network, prefix));
        }
        return new TrustedProxies(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether a peer at {@code remoteAddress} (a literal address, as the servlet container reports it) is trusted. */
    public boolean trusts(String remoteAddress) {
        if (ranges.isEmpty() || remoteAddress == null || !LITERAL.matcher(remoteAddress).matches()) {
            return false;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(remoteAddress).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    private static byte[] literal(String text, String entry) {
        if (text.isEmpty() || !LITERAL.matcher(text).matches()) {
            throw new IllegalArgumentException("PARLEY_TRUSTED_PROXIES: '" + entry + "' is not a literal IP address");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("PARLEY_TRUSTED_PROXIES: '" + entry + "' is not a literal IP address", e);
        }
    }
}
