package dev.parley.accounts.boundary;

/** The answer to {@code POST /api/auth/register}, exactly as the contract names it. */
public record RegisterView(String username, String displayName) {
}
