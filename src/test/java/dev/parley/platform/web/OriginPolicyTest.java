package dev.parley.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void withoutConfigurationOnlyTheRequestsOwnOriginIsAllowed() {
        OriginPolicy policy = new OriginPolicy(List.of());
        assertTrue(policy.allows("http://chat.example:8080", "http", "chat.example:8080"));
        assertTrue(policy.allows("https://chat.example", "https", "chat.example:443"));
        assertFalse(policy.allows("http://evil.example:8080", "http", "chat.example:8080"));
        assertFalse(policy.allows("https://chat.example:8080", "http", "chat.example:8080"));
        assertFalse(policy.allows("http://chat.example:8081", "http", "chat.example:8080"));
    }

    @Test
    void absentOriginIsAllowedButTheNullOriginIsNot() {
        OriginPolicy policy = new OriginPolicy(List.of());
        assertTrue(policy.allows(null, "http", "chat.example"));
        assertFalse(policy.allows("null", "http", "chat.example"));
        assertFalse(policy.allows("not a url", "http", "chat.example"));
    }

    @Test
    void configuredListIsExact() {
        OriginPolicy policy = new OriginPolicy(List.of("https://app.example", "http://localhost:3000"));
        assertTrue(policy.allows("https://APP.example:443", "http", "parley.internal:8080"));
        assertTrue(policy.allows("http://localhost:3000", "http", "parley.internal:8080"));
        assertFalse(policy.allows("http://parley.internal:8080", "http", "parley.internal:8080"));
    }

    @Test
    void normalizesSchemeHostAndDefaultPorts() {
        assertEquals("http://a.example", OriginPolicy.normalize("HTTP://A.Example:80"));
        assertEquals("https://a.example:8443", OriginPolicy.normalize("https://a.example:8443/"));
        assertNull(OriginPolicy.normalize("a.example"));
    }
}
