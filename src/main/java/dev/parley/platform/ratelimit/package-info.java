/**
 * Small, clock-free rate-limiting primitives (a token bucket and an exact sliding-window counter) used
 * for the per-connection frame limit. Callers pass the time in, so the rules are unit-tested exactly.
 */
package dev.parley.platform.ratelimit;
