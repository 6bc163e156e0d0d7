package dev.parley.chat.boundary;

import dev.parley.sockets.SocketEndpoint;
import dev.parley.sockets.SocketProtocol;
import jakarta.inject.Inject;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /chat}: the shared endpoint skeleton with {@link ChatProtocol}. */
@ServerEndpoint("/chat")
public class ChatEndpoint extends SocketEndpoint {

    @Inject
    ChatProtocol protocol;

    @Override
    protected SocketProtocol protocol() {
        return protocol;
    }
}
