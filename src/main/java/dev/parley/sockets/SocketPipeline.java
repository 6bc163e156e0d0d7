package dev.parley.sockets;

import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.platform.db.DatabaseUnavailable;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import dev.parley.platform.json.WellFormedText;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What both endpoints do with a socket before and around their own frames: registration on open,
 * the rate limit, JSON parsing, {@code ref} handling and turning every failure into an {@code error}
 * frame for the sender only (the connection stays open). An endpoint supplies just its
 * {@link SocketProtocol}.
 */
@ApplicationScoped
public class SocketPipeline {

    private static final Logger LOG = Logger.getLogger(SocketPipeline.class.getName());

    @Inject
    SessionRegistry registry;

    @Inject
    JsonCodec codec;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    private IdleTimerBypass idleTimers;

    @PostConstruct
    void start() {
        idleTimers = IdleTimerBypass.tyrus(threads);
    }

    @PreDestroy
    void stop() {
        idleTimers.shutdown();
    }

    /**
     * Created at startup, on the deploying thread: the container's executor is injected there, but a
     * bean first created on a WebSocket thread (no naming context on Payara) gets none.
     */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    /** Registers the socket; empty (and the socket closed) if it somehow arrived unauthenticated. */
    public Optional<Connection> open(Session session, Channel channel) {
        if (!(session.getUserPrincipal() instanceof ParleyPrincipal user)) {
            LOG.warning(() -> "Socket " + session.getId() + " opened without an authenticated user; closing it");
            new WebSocketTransport(session, Runnable::run).close(Connection.CLOSE_POLICY, "unauthenticated");
            return Optional.empty();
        }
        // Parley's heartbeat closes idle sockets. The container's own idle timer would also be
        // re-armed on every frame sent or received, which on Payara costs more than the frame itself
        // unless it runs off the managed scheduler.
        idleTimers.apply(session);
        session.setMaxIdleTimeout(0);
        return Optional.of(registry.open(session, user, channel));
    }

    /** The contract's frame limit: 64 KiB of UTF-8; a larger frame closes the socket with 1009. */
    public static final int MAX_FRAME_BYTES = 65536;

    public void onText(Session session, String text, SocketProtocol handler) {
        onText(session.getId(), text, handler);
    }

    /** A text frame from the connection with this id, on whichever transport it came. */
    public void onText(String connectionId, String text, SocketProtocol handler) {
        Optional<Connection> found = registry.find(connectionId);
        if (found.isEmpty()) {
            return;
        }
        Connection connection = found.get();
        if (connection.isDraining()) {
            connection.touch(System.nanoTime());
            return;
        }
        if (tooLarge(text)) {
            connection.close(Connection.CLOSE_TOO_BIG, "frame over " + MAX_FRAME_BYTES + " bytes");
            return;
        }
        Connection.Admission admission = connection.admit(System.nanoTime());
        if (admission == Connection.Admission.FLOODING) {
            drainThenClose(connection);
            return;
        }
        Object ref = null;
        try {
            JsonObject frame = codec.parseObject(text);
            ref = ref(frame);
            WellFormedText.require(frame);
            if (admission == Connection.Admission.LIMITED) {
                reply(connection, new OutboundFrames.Error(ref, ErrorCode.RATE_LIMITED, "rate limit exceeded"));
                return;
            }
            handler.handle(connection, JsonFields.requireString(frame, "type"), frame, ref);
        } catch (ParleyException e) {
            // A refused frame is answered for what it was refused for: the rate first.
            ErrorCode code = admission == Connection.Admission.LIMITED ? ErrorCode.RATE_LIMITED : e.code();
            reply(connection, new OutboundFrames.Error(ref, code, code == e.code() ? e.getMessage() : "rate limit exceeded"));
        } catch (Exception e) {
            // Exception, not RuntimeException: a transaction interceptor rethrows a failed commit as the
            // checked RollbackException (WildFly's does), undeclared; it must be answered all the same.
            fail(connection, ref, e);
        }
    }

    /**
     * Answers a frame that failed, now or later (a send fails after its batch's commit): a refusal
     * with its code, the database being away with {@code unavailable}, anything else with
     * {@code internal} and an incident id that the log line carries too.
     */
    public void fail(Connection connection, Object ref, Exception failure) {
        if (failure instanceof ParleyException refused) {
            reply(connection, new OutboundFrames.Error(ref, refused.code(), refused.getMessage()));
            return;
        }
        if (DatabaseUnavailable.in(failure)) {
            DatabaseUnavailable.log(failure);
            reply(connection, new OutboundFrames.Error(ref, ErrorCode.UNAVAILABLE, "the database is unavailable; try again shortly"));
            return;
        }
        String incident = UUID.randomUUID().toString().substring(0, 8);
        LOG.log(Level.SEVERE, "Frame failed on socket " + connection.id() + " of " + connection.username()
                + " (incident " + incident + ")", failure);
        reply(connection, new OutboundFrames.Error(ref, ErrorCode.INTERNAL, "internal error (incident " + incident + ")"));
    }

    public void onBinary(Session session) {
        registry.find(session.getId()).ifPresent(this::onBinary);
    }

    /** A frame that is not JSON text: answered with an error, and counted against the rate like any frame. */
    private void onBinary(Connection connection) {
        if (connection.isDraining()) {
            connection.touch(System.nanoTime());
            return;
        }
        if (connection.admit(System.nanoTime()) == Connection.Admission.FLOODING) {
            drainThenClose(connection);
            return;
        }
        reply(connection, new OutboundFrames.Error(null, ErrorCode.BAD_REQUEST, "binary frames are not supported; send JSON text"));
    }

    public void onPong(Session session, ByteBuffer data) {
        onPong(session.getId(), data.remaining() == Long.BYTES ? OptionalLong.of(data.getLong(data.position())) : OptionalLong.empty());
    }

    /** A pong from the connection with this id: echoing a heartbeat's mark, or none (a bare pong still counts as activity). */
    public void onPong(String connectionId, OptionalLong mark) {
        registry.find(connectionId).ifPresent(connection -> {
            if (mark.isPresent()) {
                connection.acknowledge(mark.getAsLong(), System.nanoTime());
            } else {
                connection.touch(System.nanoTime());
            }
        });
    }

    public void onClose(Session session) {
        onClose(session.getId());
    }

    /** The peer went away, or the transport ended. */
    public void onClose(String connectionId) {
        registry.closed(connectionId);
    }

    /**
     * A flooding peer: its further frames are dropped unread, and once they stop arriving for
     * {@value #DRAIN_QUIET_MILLIS} ms (or after {@value #DRAIN_MAX_MILLIS} ms of a flood that does not
     * stop) the socket closes with 1008, after the answers already queued.
     */
    private void drainThenClose(Connection connection) {
        if (!connection.beginDrain(System.nanoTime())) {
            return;
        }
        AtomicReference<ScheduledFuture<?>> check = new AtomicReference<>();
        check.set(scheduler.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            boolean quiet = now - connection.lastInboundNanos() > TimeUnit.MILLISECONDS.toNanos(DRAIN_QUIET_MILLIS);
            boolean tooLong = now - connection.drainStartedNanos() > TimeUnit.MILLISECONDS.toNanos(DRAIN_MAX_MILLIS);
            if (quiet || tooLong || connection.isClosed()) {
                connection.finishDrain(Connection.CLOSE_POLICY, "too many rejected frames");
                ScheduledFuture<?> self = check.get();
                if (self != null) {
                    self.cancel(false);
                }
            }
        }, DRAIN_QUIET_MILLIS, DRAIN_QUIET_MILLIS / 2, TimeUnit.MILLISECONDS));
    }

    static final long DRAIN_QUIET_MILLIS = 200;
    static final long DRAIN_MAX_MILLIS = 3000;

    /**
     * True when the frame's UTF-8 form is over {@link #MAX_FRAME_BYTES}. The endpoints also declare the
     * limit, but containers count it differently (Tyrus in bytes, Undertow in characters), so it is
     * checked here in bytes; a frame of up to a third of the limit in characters cannot exceed it.
     */
    static boolean tooLarge(String text) {
        if (text.length() <= MAX_FRAME_BYTES / 3) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > MAX_FRAME_BYTES;
    }

    /**
     * The container's report of a failed socket. A peer that went away (an I/O error) or sent an
     * oversized frame (closed with 1009) is routine; anything else is unexpected and logged with its
     * stack trace.
     */
    public void onError(Session session, Throwable failure) {
        boolean routine = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            routine |= cause instanceof IOException || cause.getClass().getSimpleName().endsWith("TooBigException");
        }
        LOG.log(routine ? Level.FINE : Level.WARNING, "Socket " + session.getId() + " failed", failure);
    }

    /**
     * Opens the socket and sends its {@code welcome}. If the welcome cannot be built (the database
     * failed), the socket is closed with 1011 so the client reconnects, instead of waiting forever
     * for a welcome that never comes.
     */
    public void openWith(Session session, SocketProtocol protocol) {
        open(session, protocol.channel()).ifPresent(connection -> welcome(connection, protocol));
    }

    /** Registers a fallback stream ({@link EventStreamServlet}) and sends its {@code welcome}. */
    public void openStream(String id, ParleyPrincipal user, SocketProtocol protocol, Transport transport) {
        welcome(registry.open(id, user, protocol.channel(), transport), protocol);
    }

    /** Sends a freshly registered connection its {@code welcome}, or closes it with 1011 if that fails. */
    public void welcome(Connection connection, SocketProtocol protocol) {
        try {
            protocol.welcome(connection);
        } catch (Exception e) {
            if (DatabaseUnavailable.in(e)) {
                DatabaseUnavailable.log(e);
            } else {
                LOG.log(Level.WARNING, "Could not welcome socket " + connection.id() + " of " + connection.username()
                        + "; closing it so the client reconnects", e);
            }
            connection.close(Connection.CLOSE_INTERNAL_ERROR, "try again");
        }
    }

    public void reply(Connection connection, Object frame) {
        connection.reply(codec.write(frame));
    }

    public static void unknownType(String type) {
        throw ParleyException.badRequest("unknown frame type '" + type + "'");
    }

    private static Object ref(JsonObject frame) {
        JsonValue ref = frame.get("ref");
        if (ref == null || ref.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (ref instanceof JsonString string) {
            WellFormedText.require("ref", string.getString());
            return string.getString();
        }
        if (ref instanceof JsonNumber number) {
            Optional<Long> whole = JsonFields.exactLong(number);
            if (whole.isPresent()) {
                return whole.get();
            }
            try {
                BigDecimal decimal = number.bigDecimalValue();
                if (decimal.precision() <= 34 && Math.abs(decimal.scale()) <= 64) {
                    return decimal;
                }
            } catch (RuntimeException tooLong) {
                // the parser's own limit on digits: refused below
            }
        }
        throw ParleyException.badRequest("'ref' must be a string or a number (up to 34 digits)");
    }
}
