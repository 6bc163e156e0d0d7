/**
 * The HTTP edge shared by all features: the JAX-RS application under {@code /api}, access control
 * (authenticated by default, roles by annotation), exception mappers to problem bodies, the Origin
 * policy against CSRF and cross-site socket hijacking, the check of every JSON body (size, UTF-8,
 * syntax, valid text), the security headers, the scheme a trusted TLS-terminating proxy reports
 * ({@code ForwardedHeadersFilter} with {@code TrustedProxies}, from {@code PARLEY_TRUSTED_PROXIES}),
 * and HTTPS only once Parley serves it ({@code TransportSecurityFilter}: redirects and HSTS).
 */
package dev.parley.platform.web;
