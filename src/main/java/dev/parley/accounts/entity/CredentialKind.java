package dev.parley.accounts.entity;

/** How a credential reaches the server: as a Bearer/access_token API token, or as the browser's session cookie. */
public enum CredentialKind {
    TOKEN, SESSION
}
