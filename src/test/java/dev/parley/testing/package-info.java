/**
 * Test support shared by the black-box tests: the one server with the built WAR that the black-box
 * classes share ({@link dev.parley.testing.SharedServer}), server processes of a test's own for
 * restart, crash and cluster tests, a REST client, a WebSocket client that queues frames for assertions
 * with timeouts, and a raw socket that plays a silent peer.
 */
package dev.parley.testing;
