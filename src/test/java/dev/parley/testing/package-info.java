/**
 * Test support shared by the black-box tests: the Arquillian deployment of the built WAR, a REST client,
 * a WebSocket client that queues frames for assertions with timeouts, a raw socket that plays a silent
 * peer, and a Payara Micro process for restart and crash tests.
 */
package dev.parley.testing;
