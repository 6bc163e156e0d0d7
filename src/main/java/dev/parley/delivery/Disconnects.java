package dev.parley.delivery;

import dev.parley.accounts.control.DisconnectRequested;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Carries an administrator's disconnect to every node, where each closes the user's sockets. */
@ApplicationScoped
public class Disconnects {

    @Inject
    DeliveryPort delivery;

    void requested(@Observes DisconnectRequested request) {
        delivery.publish(new Envelope.Disconnect(request.username(), request.reason()));
    }
}
