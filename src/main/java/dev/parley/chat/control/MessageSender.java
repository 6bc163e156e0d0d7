package dev.parley.chat.control;

import dev.parley.accounts.entity.Account;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.Message;
import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.platform.db.IntegrityViolation;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sending a message, top to bottom: {@link #send} checks what the client sent and queues it to the
 * writer of its conversation ({@link MessageWriters}); the writer commits everything that queued
 * meanwhile in one transaction ({@link MessageBatch}); then {@link #completed} answers the sender
 * and publishes the message to the members, one send after another in seq order. An ack always
 * follows the commit; the sender's socket gets its ack before the message itself.
 */
@ApplicationScoped
public class MessageSender {

    private static final long WAIT_SECONDS = 30;
    private static final int KNOWN_DIRECT_LIMIT = 100_000;

    @Inject
    MessageWriters writers;

    @Inject
    ConversationService conversations;

    @Inject
    DeliveryPort delivery;

    @Inject
    JsonCodec codec;

    /** Direct conversations known to exist (conversations are never deleted): a direct send needs no query to know. */
    private final Set<String> knownDirect = ConcurrentHashMap.newKeySet();

    /**
     * What a client asked to send. {@code conversation} may be {@code @username} for a direct
     * conversation; {@code thread}, when set, is the seq of the message whose thread this replies in.
     */
    public record SendCommand(String conversation, String text, String clientMsgId, List<String> attachments, Long thread) {
        public SendCommand {
            attachments = List.copyOf(attachments);
        }

        public SendCommand(String conversation, String text, String clientMsgId, List<String> attachments) {
            this(conversation, text, clientMsgId, attachments, null);
        }
    }

    /** A stored message, and whether it was stored earlier (a retried {@code clientMsgId}). */
    public record Stored(MessageView message, boolean duplicate) {
    }

    /** Where the outcome of one send goes, on the writer's thread, after the commit. */
    public interface Receipt {
        void stored(Stored stored);

        void failed(Exception failure);
    }

    /** A send that passed the checks that need no database, on its way to its writer. */
    record Pending(String sender, ConversationId conversation, String text, String clientMsgId, List<String> attachments,
                   Long thread, Receipt receipt) {
        Pending(String sender, ConversationId conversation, String text, String clientMsgId, List<String> attachments, Receipt receipt) {
            this(sender, conversation, text, clientMsgId, attachments, null, receipt);
        }
    }

    /** What became of one send of a batch: stored, or failed with the reason. */
    record Outcome(Pending send, Stored stored, Exception failure) {
        static Outcome stored(Pending send, Stored stored) {
            return new Outcome(send, stored, null);
        }

        static Outcome failed(Pending send, Exception failure) {
            return new Outcome(send, null, failure);
        }
    }

    /**
     * Queues a send. A send the rules refuse without the database (a malformed id, text too long) is
     * refused here, by exception; anything later reaches the {@code receipt}. A retried
     * {@code clientMsgId} is answered with the original message, {@code duplicate} set.
     */
    public void send(String sender, SendCommand command, Receipt receipt) {
        Message.checkClientMsgId(command.clientMsgId());
        Message.checkText(command.text(), !command.attachments().isEmpty());
        if (command.attachments().size() > Message.MAX_ATTACHMENTS) {
            throw ParleyException.badRequest("at most " + Message.MAX_ATTACHMENTS + " attachments per message");
        }
        if (command.thread() != null && command.thread() < 1) {
            throw ParleyException.badRequest("'thread' must be the seq of a message");
        }
        ConversationId id = target(sender, command.conversation());
        if (id.isDirect()) {
            ensureDirect(sender, id);
        }
        writers.submit(new Pending(sender, id, command.text(), command.clientMsgId(), command.attachments(), command.thread(), receipt));
    }

    /** {@link #send}, waiting for the outcome: for callers without a socket (REST, JMS). */
    public Stored sendAndWait(String sender, SendCommand command) {
        CompletableFuture<Stored> outcome = new CompletableFuture<>();
        send(sender, command, new Receipt() {
            @Override
            public void stored(Stored stored) {
                outcome.complete(stored);
            }

            @Override
            public void failed(Exception failure) {
                outcome.completeExceptionally(failure);
            }
        });
        try {
            return outcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ParleyException(ErrorCode.UNAVAILABLE, "the message was not stored within " + WAIT_SECONDS + " s; try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "interrupted while the message was stored");
        }
    }

    /**
     * After the batch's commit (or its failure), on the writer's thread, in the batch's order: the
     * sender's answer, then the message to every member. The frame is written before the answer is
     * queued, so the members' copies follow the ack at once.
     */
    void completed(Outcome outcome) {
        Pending send = outcome.send();
        if (outcome.failure() != null) {
            send.receipt().failed(outcome.failure());
            return;
        }
        Stored stored = outcome.stored();
        if (stored.duplicate()) {
            send.receipt().stored(stored);
            return;
        }
        MessageView message = stored.message();
        String frame = codec.write(new ChatFrames.MessageFrame(message));
        send.receipt().stored(stored);
        delivery.publish(new Envelope.Sequenced(message.conversation(), message.seq(), frame));
    }

    private ConversationId target(String sender, String conversation) {
        if (conversation != null && conversation.startsWith("@")) {
            return ConversationId.direct(sender, Account.validUsername(conversation.substring(1)));
        }
        return ConversationId.parse(conversation);
    }

    private void ensureDirect(String sender, ConversationId id) {
        if (!id.participants().contains(sender)) {
            throw ParleyException.forbidden("you are not part of " + id);
        }
        if (knownDirect.contains(id.value()) || conversations.exists(id)) {
            remember(id);
            return;
        }
        String other = id.participants().stream().filter(p -> !p.equals(sender)).findFirst().orElse(sender);
        try {
            conversations.ensureDirect(sender, other);
        } catch (ParleyException e) {
            throw e;
        } catch (RuntimeException e) {
            // Both participants opened it at once; the other transaction created it.
            if (!IntegrityViolation.in(e) || !conversations.exists(id)) {
                throw e;
            }
        }
        remember(id);
    }

    private void remember(ConversationId direct) {
        if (knownDirect.size() >= KNOWN_DIRECT_LIMIT) {
            knownDirect.clear();
        }
        knownDirect.add(direct.value());
    }
}
