package dev.parley.chat.control;

import dev.parley.accounts.entity.Account;
import dev.parley.accounts.entity.Role;
import dev.parley.chat.control.ChatEvents.MessageChanged;
import dev.parley.chat.control.ChatFrames.ChangeView;
import dev.parley.chat.entity.Conversation;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.Emoji;
import dev.parley.chat.entity.MembershipKey;
import dev.parley.chat.entity.Membership;
import dev.parley.chat.entity.Message;
import dev.parley.chat.entity.MessageChange;
import dev.parley.chat.entity.Reaction;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Edits, deletions and reactions. Each one that changes something is stored as a
 * {@link MessageChange} at the conversation's next seq, in the transaction that applies it to the
 * message, and delivered after the commit like a message ({@link ChatFanout}). The conversation's
 * row is locked first, so changes and sends on any node take their seqs one after the other and
 * each change sees the message as the previous one left it.
 *
 * <p>A request that would change nothing (the same text again, a reaction the user already made,
 * removing one they did not, deleting a deleted message) stores nothing and returns empty: a client
 * may retry any of them safely.
 */
@ApplicationScoped
public class MessageChanges {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<MessageChanged> changed;

    /**
     * The author replaces the text of their message.
     *
     * @throws ParleyException forbidden for anyone else, conflict if the message was deleted
     */
    @Transactional
    public Optional<ChangeView> edit(String user, ConversationId id, long seq, String text) {
        Conversation conversation = lock(id);
        requireMember(user, id);
        Message message = find(conversation, seq);
        if (!message.sender().equals(user)) {
            throw ParleyException.forbidden("only its author may edit message " + seq + " of " + id);
        }
        Instant now = clock.instant();
        if (!message.edit(text, now)) {
            return Optional.empty();
        }
        return Optional.of(record(conversation, MessageChange.edited(message, conversation.lastSeq() + 1, user, now)));
    }

    /**
     * Deletes a message: its author may, and in a room its creator and administrators. The message
     * stays as a tombstone at its seq; its text, the texts of its earlier edits, its reactions and the
     * files no other message carries are gone from storage.
     */
    @Transactional
    public Optional<ChangeView> delete(String user, ConversationId id, long seq) {
        Conversation conversation = lock(id);
        boolean member = isMember(user, id);
        Message message = find(conversation, seq);
        boolean author = member && message.sender().equals(user);
        boolean moderator = id.isRoom() && ((member && user.equals(conversation.createdBy())) || isAdmin(user));
        if (!author && !moderator) {
            throw ParleyException.forbidden(member ? "only its author, the room's creator or an admin may delete message " + seq + " of " + id
                    : "you are not a member of " + id);
        }
        Instant now = clock.instant();
        var attachments = message.attachments();
        if (!message.delete(now)) {
            return Optional.empty();
        }
        em.createNamedQuery(MessageChange.OF_MESSAGE, MessageChange.class).setParameter("message", message.id())
                .getResultStream().forEach(MessageChange::forgetText);
        em.createNamedQuery(Reaction.DELETE_OF_MESSAGE).setParameter("message", message.id()).executeUpdate();
        em.flush(); // the message no longer holds its files: those no other message holds go
        attachments.forEach(attachment -> em.createNativeQuery(
                        "delete from attachment where id = ?1 and not exists (select 1 from message_attachment where attachment_id = ?1)")
                .setParameter(1, attachment.id()).executeUpdate());
        return Optional.of(record(conversation, MessageChange.deleted(message, conversation.lastSeq() + 1, user, now)));
    }

    /**
     * A member adds ({@code add}) or removes their reaction with one of the {@link Emoji#ALLOWED}.
     *
     * @throws ParleyException conflict if the message was deleted
     */
    @Transactional
    public Optional<ChangeView> react(String user, ConversationId id, long seq, String emoji, boolean add) {
        String known = Emoji.require(emoji);
        Conversation conversation = lock(id);
        requireMember(user, id);
        Message message = find(conversation, seq);
        message.checkNotDeleted();
        Reaction existing = em.find(Reaction.class, new Reaction.Key(message.id(), user, known));
        if ((existing != null) == add) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (add) {
            em.persist(new Reaction(message, user, known, now));
        } else {
            em.remove(existing);
        }
        return Optional.of(record(conversation, MessageChange.reaction(message, conversation.lastSeq() + 1, user, known, add, now)));
    }

    /** Locks the conversation's row until the commit: its next seq is this transaction's. */
    private Conversation lock(ConversationId id) {
        Conversation conversation = em.find(Conversation.class, id.value(), LockModeType.PESSIMISTIC_WRITE);
        if (conversation == null) {
            throw ParleyException.notFound("no " + id);
        }
        return conversation;
    }

    private Message find(Conversation conversation, long seq) {
        return em.createNamedQuery(Message.AT, Message.class)
                .setParameter("conversation", conversation.id().value())
                .setParameter("seq", seq)
                .getResultStream().findFirst()
                .orElseThrow(() -> ParleyException.notFound("no message " + seq + " in " + conversation.id()));
    }

    private boolean isMember(String user, ConversationId id) {
        return em.find(Membership.class, new MembershipKey(id.value(), user)) != null;
    }

    private void requireMember(String user, ConversationId id) {
        if (!isMember(user, id)) {
            throw ParleyException.forbidden("you are not a member of " + id);
        }
    }

    private boolean isAdmin(String user) {
        Account account = em.find(Account.class, user);
        return account != null && account.roles().contains(Role.ADMIN);
    }

    /** Takes the seq (the row is locked), stores the change, and announces it inside the transaction. */
    private ChangeView record(Conversation conversation, MessageChange change) {
        em.createNativeQuery("update conversation set last_seq = last_seq + 1 where id = ?1")
                .setParameter(1, conversation.id().value()).executeUpdate();
        em.persist(change);
        ChangeView view = ChangeView.of(change);
        changed.fire(new MessageChanged(view));
        return view;
    }
}
