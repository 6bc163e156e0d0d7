package dev.parley.chat.control;

import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.platform.json.JsonCodec;
import dev.parley.presence.control.PresenceChanged;
import dev.parley.sockets.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Tells everyone who shares a conversation with a user when that user comes online or goes offline. */
@ApplicationScoped
public class ChatPresence {

    private static final Logger LOG = Logger.getLogger(ChatPresence.class.getName());

    @Inject
    ConversationService conversations;

    @Inject
    DeliveryPort delivery;

    @Inject
    JsonCodec codec;

    void changed(@Observes PresenceChanged change) {
        try {
            Set<String> audience = conversations.coMembers(change.user());
            if (!audience.isEmpty()) {
                delivery.publish(new Envelope.ToUsers(audience, Channel.CHAT,
                        codec.write(new ChatFrames.Presence(change.user(), change.online()))));
            }
        } catch (RuntimeException e) {
            // Presence is best effort (e.g. during shutdown the database may already be gone).
            LOG.log(Level.FINE, "Presence of " + change.user() + " not announced", e);
        }
    }
}
