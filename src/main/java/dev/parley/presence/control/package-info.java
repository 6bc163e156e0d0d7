/**
 * Who is connected, and the one way to write to them: the {@link dev.parley.presence.control.SessionRegistry}
 * of open sockets per user, each a {@link dev.parley.presence.control.Connection} with a bounded,
 * single-writer outbound queue (replies bounded by the rate limit, pushes by the queue limit; a write
 * that fails closes only its socket) and its inbound rate limit; the frame pipeline both endpoints
 * share (frame size, rate, JSON, flood draining); the heartbeat that pings and closes idle sockets;
 * and the socket metrics.
 */
package dev.parley.presence.control;
