package dev.parley.notifications.boundary;

import dev.parley.sockets.SharedEndpoint;
import dev.parley.sockets.SocketEndpoint;
import dev.parley.sockets.SocketProtocol;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.server.ServerEndpoint;

/** {@code /notifications}: the shared endpoint skeleton with {@link NotificationsProtocol}. */
@Dependent
@ServerEndpoint(value = "/notifications", configurator = SharedEndpoint.class)
public class NotificationsEndpoint extends SocketEndpoint {

    @Inject
    NotificationsProtocol protocol;

    @Override
    protected SocketProtocol protocol() {
        return protocol;
    }
}
