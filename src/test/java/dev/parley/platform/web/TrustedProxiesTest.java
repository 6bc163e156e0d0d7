package dev.parley.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whose forwarding headers are believed, and what they are taken to say. */
class TrustedProxiesTest {

    @Test
    void addressesAndRangesOfBothFamiliesAreTrustedAndNothingElse() {
        TrustedProxies proxies = TrustedProxies.parse(List.of("127.0.0.1", "10.1.0.0/16", "::1", "fd00::/8", "192.168.7.129/25"));
        assertTrue(proxies.trusts("127.0.0.1"));
        assertFalse(proxies.trusts("127.0.0.2"));
        assertTrue(proxies.trusts("10.1.255.3"));
        assertFalse(proxies.trusts("10.2.0.1"));
        assertTrue(proxies.trusts("0:0:0:0:0:0:0:1"), "the container's spelling of ::1");
        assertTrue(proxies.trusts("fd12:3456::1"));
        assertFalse(proxies.trusts("fe80::1"));
        assertTrue(proxies.trusts("192.168.7.200"));
        assertFalse(proxies.trusts("192.168.7.100"), "outside the /25");
        assertFalse(proxies.trusts("localhost"), "names are never resolved");
        assertFalse(proxies.trusts(null));
    }

    @Test
    void nobodyIsTrustedByDefault() {
        TrustedProxies none = TrustedProxies.parse(List.of());
        assertTrue(none.isEmpty());
        assertFalse(none.trusts("127.0.0.1"));
    }

    @Test
    void anEntryThatIsNotALiteralAddressOrRangeIsRefusedByName() {
        for (String bad : List.of("proxy.example.com", "10.0.0.0/33", "::1/129", "10.0.0.0/x", "1.2.3.4/8/8", "", "/8")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(List.of(bad)), bad);
            assertTrue(refused.getMessage().contains("PARLEY_TRUSTED_PROXIES"), refused.getMessage());
        }
    }

    @Test
    void theSchemeIsTheLastProtoOurProxyWroteAndOnlyHttpOrHttps() {
        assertEquals(Optional.of("https"), proto(List.of("for=192.0.2.60;proto=http, for=10.0.0.1;proto=https"), List.of()));
        assertEquals(Optional.of("https"), proto(List.of("for=\"[2001:db8::1]\";Proto=\"HTTPS\""), List.of("http")),
                "Forwarded wins over X-Forwarded-Proto");
        assertEquals(Optional.of("https"), proto(List.of(), List.of("http, https")));
        assertEquals(Optional.of("http"), proto(List.of(), List.of("HTTP")));
        assertEquals(Optional.empty(), proto(List.of(), List.of("gopher")));
        assertEquals(Optional.empty(), proto(List.of("for=1.2.3.4"), List.of()));
        assertEquals(Optional.empty(), proto(List.of(), List.of()));
    }

    private static Optional<String> proto(List<String> forwarded, List<String> xForwardedProto) {
        return ForwardedHeadersFilter.proto(Collections.enumeration(forwarded), Collections.enumeration(xForwardedProto));
    }
}
