/**
 * Parley's configuration: one immutable {@link dev.parley.platform.config.Settings} record, read from
 * MicroProfile Config (environment variables or system properties named {@code PARLEY_*}) with a safe
 * default for every value. Everything else injects the record instead of reading config itself.
 */
package dev.parley.platform.config;
