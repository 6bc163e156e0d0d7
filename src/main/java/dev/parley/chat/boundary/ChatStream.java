package dev.parley.chat.boundary;

import dev.parley.sockets.EventStreamServlet;
import dev.parley.sockets.SocketProtocol;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** {@code /stream/chat}: the fallback transport for {@code /chat}, with the same {@link ChatProtocol}. */
@WebServlet(urlPatterns = {"/stream/chat", "/stream/chat/*"}, asyncSupported = true)
public class ChatStream extends EventStreamServlet {

    @Inject
    ChatProtocol protocol;

    @Override
    protected SocketProtocol protocol() {
        return protocol;
    }
}
