package dev.parley.notifications.boundary;

import dev.parley.sockets.EventStreamServlet;
import dev.parley.sockets.SocketProtocol;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;

/** {@code /stream/notifications}: the fallback transport for {@code /notifications}, with the same {@link NotificationsProtocol}. */
@WebServlet(urlPatterns = {"/stream/notifications", "/stream/notifications/*"}, asyncSupported = true)
public class NotificationsStream extends EventStreamServlet {

    @Inject
    NotificationsProtocol protocol;

    @Override
    protected SocketProtocol protocol() {
        return protocol;
    }
}
