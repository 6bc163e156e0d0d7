package dev.parley.accounts.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A token or browser session issued at login. Only the SHA-256 of the secret is stored, so a database
 * leak yields no usable credential. Living in the database (not in one node's memory) makes a token or
 * cookie from one node valid on every other node, and a logout effective on all of them.
 */
@Entity
@Table(name = "credential")
@NamedQuery(name = Credential.DELETE_EXPIRED, query = "delete from Credential c where c.expiresAt <= :now")
public class Credential {

    public static final String DELETE_EXPIRED = "Credential.deleteExpired";

    @Id
    @Column(name = "token_hash", length = 64)
    private String tokenHash;

    @Column(name = "username", nullable = false, length = 32)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 16)
    private CredentialKind kind;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected Credential() {
    }

    public Credential(String tokenHash, String username, CredentialKind kind, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.username = username;
        this.kind = kind;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String username() {
        return username;
    }

    public CredentialKind kind() {
        return kind;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isValidAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
