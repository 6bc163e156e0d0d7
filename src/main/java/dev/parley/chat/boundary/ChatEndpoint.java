package dev.parley.chat.boundary;

import dev.parley.sockets.Channel;
import dev.parley.sockets.SocketPipeline;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * {@code /chat}: a thin adapter from WebSocket callbacks to {@link ChatProtocol}. The handshake was
 * already authenticated (and its Origin checked) by the authentication filter; frames over 64 KiB
 * close the socket with 1009.
 */
@ServerEndpoint("/chat")
public class ChatEndpoint {

    @Inject
    SocketPipeline pipeline;

    @Inject
    ChatProtocol protocol;

    @OnOpen
    public void open(Session session) {
        pipeline.openWith(session, Channel.CHAT, protocol::welcome);
    }

    @OnMessage(maxMessageSize = SocketPipeline.MAX_FRAME_BYTES)
    public void text(Session session, String text) {
        pipeline.onText(session, text, protocol::handle);
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
