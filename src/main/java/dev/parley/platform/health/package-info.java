/**
 * Health primitives: the {@code database} readiness check, and {@code /health} served by the WAR on
 * servers that serve MicroProfile Health only on a management port. Features add their own checks
 * (sockets, JMS, cluster). Load balancers route on readiness.
 */
package dev.parley.platform.health;
