/**
 * The socket layer, which knows no feature: the {@link dev.parley.sockets.SessionRegistry} of open
 * sockets per user, each a {@link dev.parley.sockets.Connection} with a bounded, single-writer outbound
 * queue (replies bounded by the rate limit, pushes by the queue limit; a write that fails closes only
 * its socket) and its inbound rate limit; the frame pipeline both endpoints share (frame size, rate,
 * JSON, flood draining), which knows connections by id and writes through a
 * {@link dev.parley.sockets.Transport}, so that another transport than WebSocket carries the same
 * frames: the fallback for clients whose upgrade fails, a server-sent-events stream with a POST per
 * frame ({@code EventStreamServlet}, {@code EventStreamTransport}); the heartbeat that pings and closes idle sockets; the writer threads; and
 * the socket metrics and liveness check. Both endpoints share one instance each ({@code SharedEndpoint}),
 * made once by CDI. Three small adapters keep Payara's per-frame costs down:
 * {@code WebSocketTransport} sends with a bare context class loader, {@code IdleTimerBypass} moves
 * Tyrus's timer off the managed scheduler, and {@code HandshakeBufferFilter} shrinks the output buffer
 * Grizzly allocates for every frame (on other servers all three change nothing).
 */
package dev.parley.sockets;
