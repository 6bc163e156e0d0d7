package dev.parley.chat.control;

import dev.parley.chat.control.ChatEvents.MessagesPosted;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.MessageSender.Outcome;
import dev.parley.chat.control.MessageSender.Pending;
import dev.parley.chat.control.MessageSender.Stored;
import dev.parley.chat.entity.Attachment;
import dev.parley.chat.entity.Conversation;
import dev.parley.chat.entity.Membership;
import dev.parley.chat.entity.MembershipKey;
import dev.parley.chat.entity.Message;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.web.ContextPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One transaction for a batch of sends: each conversation of the batch is locked once, in id order
 * (so writers on two nodes never wait on each other in a cycle), and each send is stored at the
 * conversation's next seq, in the order the sends queued. A send the rules refuse (not a member, an
 * attachment that is not the sender's) is refused alone; the others commit.
 */
@ApplicationScoped
public class MessageBatch {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ContextPath contextPath;

    @Inject
    Event<MessagesPosted> posted;

    @Transactional
    public List<Outcome> commit(List<Pending> sends) {
        Map<String, Conversation> conversations = new TreeMap<>();
        sends.forEach(send -> conversations.put(send.conversation().value(), null));
        conversations.replaceAll((id, none) -> em.find(Conversation.class, id, LockModeType.PESSIMISTIC_WRITE));
        Map<String, Message> known = storedBefore(sends);
        Instant now = clock.instant();
        List<Outcome> outcomes = new ArrayList<>(sends.size());
        List<MessageView> stored = new ArrayList<>(sends.size());
        for (Pending send : sends) {
            try {
                Stored outcome = store(send, conversations.get(send.conversation().value()), known, now);
                outcomes.add(Outcome.stored(send, outcome));
                if (!outcome.duplicate()) {
                    stored.add(outcome.message());
                }
            } catch (ParleyException e) {
                outcomes.add(Outcome.failed(send, e));
            }
        }
        if (!stored.isEmpty()) {
            posted.fire(new MessagesPosted(stored));
        }
        return outcomes;
    }

    private Stored store(Pending send, Conversation conversation, Map<String, Message> known, Instant now) {
        if (conversation == null) {
            throw ParleyException.notFound("no " + send.conversation());
        }
        Membership membership = em.find(Membership.class, new MembershipKey(send.conversation().value(), send.sender()));
        if (membership == null) {
            throw ParleyException.forbidden("you are not a member of " + send.conversation());
        }
        String key = key(send.sender(), send.clientMsgId());
        Message earlier = known.get(key);
        if (earlier != null) {
            return new Stored(view(earlier), true);
        }
        List<Attachment> attachments = new ArrayList<>();
        for (String attachmentId : send.attachments()) {
            Attachment attachment = em.find(Attachment.class, attachmentId);
            if (attachment == null || !attachment.uploader().equals(send.sender())) {
                throw ParleyException.notFound("no attachment " + attachmentId + " uploaded by you");
            }
            attachments.add(attachment);
        }
        Message message = new Message(UUID.randomUUID().toString(), send.conversation(), conversation.nextSeq(), send.sender(),
                send.text(), send.clientMsgId(), attachments, now);
        em.persist(message);
        known.put(key, message);
        membership.markRead(message.seq());
        return new Stored(view(message), false);
    }

    /** The committed messages that any send of the batch retries, by {@link #key}: one query per batch. */
    private Map<String, Message> storedBefore(List<Pending> sends) {
        Set<String> senders = new HashSet<>();
        Set<String> clientMsgIds = new HashSet<>();
        sends.forEach(send -> {
            senders.add(send.sender());
            clientMsgIds.add(send.clientMsgId());
        });
        Map<String, Message> known = new HashMap<>();
        em.createNamedQuery(Message.BY_CLIENT_IDS, Message.class)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("senders", senders)
                .setParameter("clientMsgIds", clientMsgIds)
                .getResultStream()
                .forEach(message -> known.put(key(message.sender(), message.clientMsgId()), message));
        return known;
    }

    private static String key(String sender, String clientMsgId) {
        return sender + '\n' + clientMsgId;
    }

    private MessageView view(Message message) {
        return MessageView.of(message, contextPath.value());
    }
}
