/**
 * MicroProfile Health checks served at {@code /health}: readiness follows the database, liveness says the
 * application answers. Load balancers route on readiness.
 */
package dev.parley.platform.health;
