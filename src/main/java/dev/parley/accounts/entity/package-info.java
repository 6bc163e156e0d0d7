/**
 * Accounts and their credentials: {@link dev.parley.accounts.entity.Account} keeps the username rules,
 * roles and login-throttle state; {@link dev.parley.accounts.entity.Credential} is an issued token or
 * browser session, stored only as a hash; {@link dev.parley.accounts.entity.ParleyPrincipal} is who is
 * calling, and with which credential.
 */
package dev.parley.accounts.entity;
