package dev.parley.accounts.control;

/** A token or browser session was ended (logout); whatever was opened with it must close. */
public record CredentialRevoked(String username, String credentialId) {
}
