package dev.parley.accounts.entity;

import java.security.Principal;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated caller of a request or WebSocket connection. Besides the username it remembers
 * which credential authenticated it, so a logout can close exactly the sockets opened with that
 * credential, and when that credential expires, so a socket does not outlive it.
 *
 * @param credentialId the stored hash of the token or session cookie used
 * @param expiresAt    when that credential stops being valid
 */
public record ParleyPrincipal(String username, Set<Role> roles, String credentialId, CredentialKind via, Instant expiresAt)
        implements Principal {

    public ParleyPrincipal {
        roles = Set.copyOf(roles);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
