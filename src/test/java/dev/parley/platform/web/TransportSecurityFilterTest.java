package dev.parley.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransportSecurityFilterTest {

    @Test
    void aPlainRequestGoesToTheSameUrlOnTheHttpsPort() {
        assertEquals(Optional.of("https://chat.example.com:8443/api/me?x=1&y=%20"),
                TransportSecurityFilter.httpsUrl("chat.example.com", 8443, "/api/me", "x=1&y=%20"));
        assertEquals(Optional.of("https://chat.example.com/"),
                TransportSecurityFilter.httpsUrl("chat.example.com", 443, "/", null), "443 is implied");
        assertEquals(Optional.of("https://127.0.0.1:9443/chat"), TransportSecurityFilter.httpsUrl("127.0.0.1", 9443, "/chat", null));
    }

    @Test
    void ipv6LiteralsKeepTheirBrackets() {
        assertEquals(Optional.of("https://[::1]:8443/"), TransportSecurityFilter.httpsUrl("::1", 8443, "/", null));
        assertEquals(Optional.of("https://[2001:db8::7]:8443/"), TransportSecurityFilter.httpsUrl("[2001:db8::7]", 8443, "/", null));
    }

    @Test
    void aHostileHostIsNotRedirectedTo() {
        for (String host : new String[] {null, "", "evil.example/x", "a b", "evil.example@good", "x\r\nSet-Cookie: a=b",
                "[::1]evil", "a".repeat(254)}) {
            assertEquals(Optional.empty(), TransportSecurityFilter.httpsUrl(host, 8443, "/", null), "host " + host);
        }
    }

    @Test
    void aPathThatIsNotAbsoluteBecomesTheRoot() {
        assertEquals(Optional.of("https://h:8443/"), TransportSecurityFilter.httpsUrl("h", 8443, "evil.example", null));
    }
}
