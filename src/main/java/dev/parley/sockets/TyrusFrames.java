package dev.parley.sockets;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whole frames straight to a Tyrus session (Payara's WebSocket implementation), past the per-frame
 * work of the standard API: Tyrus's {@code sendText} encodes the text again for every socket,
 * re-arms the session's idle timer on every frame, and writes and flushes each frame alone. Its
 * public {@code TyrusWebSocket.sendRawFrame(ByteBuffer)}, the method behind Tyrus's own broadcast,
 * writes bytes as they are under the socket's send lock, and the servlet writer under it never
 * blocks (what the peer cannot take waits in its queue). The standard API cannot reach it: this
 * follows two private fields ({@code TyrusSession.asyncRemote}, {@code TyrusRemoteEndpoint.webSocket}).
 * Where they are not found (another server, another Tyrus), or the socket negotiated an extension
 * (which would transform frames), it offers nothing and the standard API is used.
 */
final class TyrusFrames {

    private static final Logger LOG = Logger.getLogger(TyrusFrames.class.getName());

    private volatile Field asyncRemote;
    private volatile Field webSocket;
    private volatile Method sendRawFrame;
    private volatile boolean unavailable;

    /** The raw frame writer of {@code session}, if it is a Tyrus session without extensions. */
    Optional<FrameSink> sink(Session session, WireFrames wire) {
        if (unavailable || !session.getNegotiatedExtensions().isEmpty()) {
            return Optional.empty();
        }
        try {
            Object socket = socketOf(session);
            if (socket == null) {
                return Optional.empty();
            }
            Method send = sendRawFrame;
            return Optional.of(new FrameSink() {
                @Override
                public byte[] textFrame(String text) {
                    return wire.text(text);
                }

                @Override
                public Future<?> write(ByteBuffer frames) {
                    try {
                        return (Future<?>) send.invoke(socket, frames);
                    } catch (InvocationTargetException e) {
                        throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Frames go through the standard WebSocket API: Tyrus's raw frame writer was not found", e);
            unavailable = true;
            return Optional.empty();
        }
    }

    private Object socketOf(Session session) throws ReflectiveOperationException {
        if (asyncRemote == null) {
            Field remote = declared(session.getClass(), "org.glassfish.tyrus.core.TyrusSession", "asyncRemote");
            if (remote == null) {
                unavailable = true;
                return null;
            }
            Object endpoint = remote.get(session);
            Field socket = declared(endpoint.getClass(), "org.glassfish.tyrus.core.TyrusRemoteEndpoint", "webSocket");
            if (socket == null) {
                unavailable = true;
                return null;
            }
            Method send = socket.get(endpoint).getClass().getMethod("sendRawFrame", ByteBuffer.class);
            send.setAccessible(true);
            sendRawFrame = send;
            webSocket = socket;
            asyncRemote = remote;
            LOG.fine(() -> "Frames go to Tyrus as raw bytes, encoded once per broadcast");
        }
        return webSocket.get(asyncRemote.get(session));
    }

    private static Field declared(Class<?> type, String declaringClass, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(declaringClass)) {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            }
        }
        return null;
    }
}
