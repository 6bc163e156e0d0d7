/**
 * Account use cases: registration, throttled login ({@link dev.parley.accounts.control.LoginService}),
 * PBKDF2 password hashing, issuing and resolving tokens and browser sessions
 * ({@link dev.parley.accounts.control.CredentialService}), role grants and the admin bootstrap.
 */
package dev.parley.accounts.control;
