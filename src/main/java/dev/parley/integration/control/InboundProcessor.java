package dev.parley.integration.control;

import dev.parley.accounts.control.AccountService;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.control.MessageSender;
import dev.parley.chat.control.MessageSender.SendCommand;
import dev.parley.chat.entity.ConversationId;
import dev.parley.integration.entity.InboundReceipt;
import dev.parley.notifications.control.NotificationPublisher;
import dev.parley.notifications.control.Publication;
import dev.parley.platform.db.DataSourceDeclaration;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Processes one inbound JMS message, idempotently, and says what became of it: processed, a
 * duplicate of one processed before, or rejected for a reason that no retry can fix. Anything else
 * (the database is down) is thrown, and the message is redelivered.
 */
@ApplicationScoped
public class InboundProcessor {

    /** Errors that describe the message itself: it goes to the dead-letter queue. */
    private static final Set<ErrorCode> POISON = EnumSet.of(ErrorCode.BAD_REQUEST, ErrorCode.NOT_FOUND,
            ErrorCode.FORBIDDEN, ErrorCode.CONFLICT, ErrorCode.TOO_LARGE);

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    NotificationPublisher notifications;

    @Inject
    MessageSender sender;

    @Inject
    ConversationService conversations;

    @Inject
    AccountService accounts;

    @Inject
    InboundProcessor self;

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    public sealed interface Outcome {
    }

    public record Processed(boolean duplicate) implements Outcome {
    }

    public record Rejected(String code, String reason) implements Outcome {
    }

    /**
     * @param key  the idempotency key: the producer's {@code idempotencyKey} property, else the JMS message id
     * @param body the message's text, or null if it was not text
     */
    public Outcome process(String queue, String key, String body) {
        try {
            if (body == null) {
                return new Rejected(ErrorCode.BAD_REQUEST.wireName(), "not a text message: send the JSON as a TextMessage");
            }
            JsonObject json = codec.readObject(body);
            return switch (queue) {
                case Destinations.NOTIFICATIONS -> self.notification(key, json);
                case Destinations.MESSAGES -> message(key, json);
                default -> throw new IllegalArgumentException("not an inbound queue: " + queue);
            };
        } catch (ParleyException e) {
            if (POISON.contains(e.code())) {
                return new Rejected(e.code().wireName(), e.getMessage());
            }
            throw e;
        }
    }

    /** Publishes a notification unless this key was processed before; the key commits with the notifications. */
    @Transactional
    public Outcome notification(String key, JsonObject json) {
        if (em.find(InboundReceipt.class, key) != null) {
            return new Processed(true);
        }
        Publication publication = Publication.parse(json);
        em.persist(new InboundReceipt(key, Destinations.NOTIFICATIONS, clock.instant()));
        em.flush();
        notifications.publish(publication);
        return new Processed(false);
    }

    /**
     * Posts {@code {"from","conversation","text","clientMsgId"?,"displayName"?}} as the bot {@code from}
     * (created on first use; it joins public rooms by itself). The message's {@code clientMsgId} is
     * the given one or derived from the key, so a redelivery returns the stored message instead of
     * posting it again.
     */
    Outcome message(String key, JsonObject json) {
        String from = JsonFields.requireString(json, "from");
        String conversation = JsonFields.requireString(json, "conversation");
        String text = JsonFields.requireString(json, "text");
        String clientMsgId = JsonFields.optionalString(json, "clientMsgId").orElseGet(() -> derivedClientMsgId(key));
        accounts.ensureBot(from, JsonFields.optionalString(json, "displayName").orElse(null));
        if (!conversation.startsWith("@")) {
            ConversationId id = ConversationId.parse(conversation);
            if (id.isRoom()) {
                conversations.join(from, id.slug());
            }
        }
        MessageSender.Stored stored = sender.sendAndWait(from, new SendCommand(conversation, text, clientMsgId, List.of()));
        return new Processed(stored.duplicate());
    }

    static String derivedClientMsgId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "jms:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the database answers: a failure while it does is not transient. */
    public boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }
}
