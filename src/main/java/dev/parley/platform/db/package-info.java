/**
 * Storage plumbing: the {@code java:app/jdbc/parley} data source (embedded H2 file database by default,
 * PostgreSQL when {@code PARLEY_DB_URL} is set) and the Flyway migrations that run at startup, before
 * any other startup work: SQL scripts under {@code db/migration}, and the few that need Java here.
 * {@code DiskSync} forces the embedded H2 to the disk after a batch of sends when
 * {@code PARLEY_DB_SYNC} asks for it. {@code GroupCommit} is the thread behind every batched write
 * path (sends, read positions, notification marks): it commits whatever queued while its last
 * commit ran.
 * Entities and queries live in their features, not here.
 */
package dev.parley.platform.db;
