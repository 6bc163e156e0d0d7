package dev.parley.sockets;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/**
 * The one skeleton of Parley's WebSocket endpoints: every container callback goes to the
 * {@link SocketPipeline} with the endpoint's {@link SocketProtocol}. A concrete endpoint only names
 * its path ({@code @ServerEndpoint}) and its protocol. The handshake was already authenticated (and
 * its Origin checked) by the authentication filter; frames over 64 KiB close with 1009. One instance
 * serves every socket of an endpoint ({@link SharedEndpoint}), so an endpoint keeps no state of its own.
 */
public abstract class SocketEndpoint {

    @Inject
    SocketPipeline pipeline;

    /** This endpoint's protocol bean. */
    protected abstract SocketProtocol protocol();

    @OnOpen
    public void open(Session session) {
        pipeline.openWith(session, protocol());
    }

    @OnMessage(maxMessageSize = SocketPipeline.MAX_FRAME_BYTES)
    public void text(Session session, String text) {
        pipeline.onText(session, text, protocol());
    }

    @OnMessage(maxMessageSize = SocketPipeline.MAX_FRAME_BYTES)
    public void binary(Session session, ByteBuffer data) {
        pipeline.onBinary(session);
    }

    @OnMessage
    public void pong(Session session, PongMessage pong) {
        pipeline.onPong(session, pong.getApplicationData());
    }

    @OnClose
    public void close(Session session) {
        pipeline.onClose(session);
    }

    @OnError
    public void error(Session session, Throwable failure) {
        pipeline.onError(session, failure);
    }
}
