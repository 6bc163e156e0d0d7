/**
 * Parley's one retry mechanism: {@link dev.parley.platform.retry.Backoff} for background workers whose
 * broker or database went away (doubling delays, bounded logging, a recovery line), and
 * {@link dev.parley.platform.retry.Retry} for an attempt that may lose a race, retried at once and
 * only for the failures named.
 */
package dev.parley.platform.retry;
