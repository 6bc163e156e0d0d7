package dev.parley.accounts.entity;

import java.security.Principal;
import java.util.Set;

/**
 * The authenticated caller of a request or WebSocket connection. Besides the username it remembers
 * which credential authenticated it, so a logout can close exactly the sockets opened with that
 * credential.
 *
 * @param credentialId the stored hash of the token or session cookie used
 */
public record ParleyPrincipal(String username, Set<Role> roles, String credentialId, CredentialKind via)
        implements Principal {

    public ParleyPrincipal {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
