package dev.parley.accounts.boundary;

import java.time.Instant;

/** The answer to {@code POST /api/auth/token}. */
public record TokenView(String token, Instant expiresAt) {
}
