/**
 * The socket layer, which knows no feature: the {@link dev.parley.sockets.SessionRegistry} of open
 * sockets per user, each a {@link dev.parley.sockets.Connection} with a bounded, single-writer outbound
 * queue (replies bounded by the rate limit, pushes by the queue limit; a write that fails closes only
 * its socket) and its inbound rate limit; the frame pipeline both endpoints share (frame size, rate,
 * JSON, flood draining), which knows connections by id and writes through a
 * {@link dev.parley.sockets.Transport}, so that another transport than WebSocket carries the same
 * frames: the fallback for clients whose upgrade fails, a server-sent-events stream with a POST per
 * frame ({@code EventStreamServlet}, {@code EventStreamTransport}); the heartbeat that pings and closes idle sockets; the writer threads; and
 * the socket metrics and liveness check. On Payara, small adapters take Tyrus's per-frame work off
 * the hot path: {@code TyrusFrames} hands Tyrus ready-made frames ({@link dev.parley.sockets.WireFrames},
 * each broadcast encoded once; a {@link dev.parley.sockets.FrameSink}), written on the queuing thread
 * and coalesced when several queued; {@code WebSocketTransport} sends what still goes through the
 * standard API with a bare context class loader; and {@code IdleTimerBypass} moves Tyrus's
 * idle timer, re-armed on every frame received, off the managed scheduler. On other servers none of
 * them applies and the standard API carries everything.
 */
package dev.parley.sockets;
