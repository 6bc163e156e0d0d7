/**
 * The accounts edge: the servlet filter that authenticates every socket handshake and API call
 * (cookie, Bearer token or {@code access_token}) and enforces the Origin policy, and the REST
 * resources for registration, tokens, browser login/logout, the caller's profile and role grants.
 */
package dev.parley.accounts.boundary;
