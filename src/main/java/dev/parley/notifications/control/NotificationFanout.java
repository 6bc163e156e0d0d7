package dev.parley.notifications.control;

import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.notifications.control.NotificationEvents.NotificationCreated;
import dev.parley.notifications.control.NotificationEvents.NotificationsRead;
import dev.parley.platform.json.JsonCodec;
import dev.parley.sockets.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;

/** Pushes committed notifications, and read state, to the recipients' {@code /notifications} sockets. */
@ApplicationScoped
public class NotificationFanout {

    @Inject
    DeliveryPort delivery;

    @Inject
    JsonCodec codec;

    void created(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationCreated created) {
        if (created.push()) {
            delivery.publish(new Envelope.Notify(created.recipient(), created.notification().id(),
                    codec.write(new NotificationFrames.NotificationFrame(created.notification()))));
        }
    }

    void read(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationsRead read) {
        delivery.publish(new Envelope.ToUsers(Set.of(read.user()), Channel.NOTIFICATIONS,
                codec.write(new NotificationFrames.Read(read.ids())), read.originConnection()));
    }
}
