/**
 * The one place that knows which application server Parley runs in: the JTA platform for the
 * Hibernate the WAR carries, and the small differences between Payara and WildFly. Every other
 * package is written against the Jakarta EE and MicroProfile APIs only.
 */
package dev.parley.platform.server;
