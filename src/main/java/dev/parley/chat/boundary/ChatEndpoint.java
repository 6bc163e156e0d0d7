package dev.parley.chat.boundary;

import dev.parley.sockets.SharedEndpoint;
import dev.parley.sockets.SocketEndpoint;
import dev.parley.sockets.SocketProtocol;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /chat}: the shared endpoint skeleton with {@link ChatProtocol}. */
@Dependent
@ServerEndpoint(value = "/chat", configurator = SharedEndpoint.class)
public class ChatEndpoint extends SocketEndpoint {

    @Inject
    ChatProtocol protocol;

    @Override
    protected SocketProtocol protocol() {
        return protocol;
    }
}
