package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatFrames;
import dev.parley.chat.control.ChatFrames.ConversationState;
import dev.parley.chat.control.ConversationIndex;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.control.MessageChanges;
import dev.parley.chat.control.MessageSender;
import dev.parley.chat.control.MessageService;
import dev.parley.chat.control.PresenceWatches;
import dev.parley.chat.control.ReadMarks;
import dev.parley.chat.control.Subscriber;
import dev.parley.chat.entity.ConversationId;
import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.platform.config.Settings;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.presence.control.PresenceService;
import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.sockets.OutboundFrames;
import dev.parley.sockets.SocketPipeline;
import dev.parley.sockets.SocketProtocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code /chat} frames: one switch over {@code type}, each case one control call and a reply. */
@ApplicationScoped
public class ChatProtocol implements SocketProtocol {

    /** How long a new socket holds live messages for the client's first {@code resume}. */

    @Inject
    SocketPipeline pipeline;

    @Inject
    Settings settings;

    @Inject
    JsonCodec codec;

    @Inject
    ConversationService conversations;

    @Inject
    MessageService messages;

    @Inject
    MessageSender sender;

    @Inject
    MessageChanges changes;

    @Inject
    ReadMarks reads;

    @Inject
    ConversationIndex index;

    @Inject
    DeliveryPort delivery;

    @Inject
    PresenceWatches watches;

    @Inject
    PresenceService presence;

    public record Welcome(String type, String user, String sessionId, int heartbeatSeconds, List<ConversationState> conversations) {
    }

    @Override
    public Channel channel() {
        return Channel.CHAT;
    }

    @Override
    public void welcome(Connection connection) {
        Subscriber subscriber = index.attach(connection);
        reads.awaitStored(connection.username()); // the unread counts include what another socket just read
        List<ConversationState> states = conversations.statesOf(connection.username());
        states.forEach(state -> {
            subscriber.position(state.id(), state.lastSeq());
            index.subscribe(subscriber, state.id());
        });
        pipeline.reply(connection, new Welcome("welcome", connection.username(), connection.id(), settings.heartbeatSeconds(), states));
    }

    @Override
    public void handle(Connection connection, String type, JsonObject frame, Object ref) {
        String user = connection.username();
        index.find(connection.id()).ifPresent(subscriber -> subscriber.frameArrived(type));
        switch (type) {
            case "send" -> sender.send(user, ChatRequests.send(frame), new MessageSender.Receipt() {
                @Override
                public void stored(MessageSender.Stored stored) {
                    pipeline.reply(connection, new ChatFrames.Ack(ref, stored.message()));
                }

                @Override
                public void failed(Exception failure) {
                    pipeline.fail(connection, ref, failure);
                }
            });
            case "history" -> {
                ConversationId id = ChatRequests.conversation(frame);
                ChatFrames.HistoryPage page = messages.history(user, id, ChatRequests.before(frame), ChatRequests.limit(frame),
                        ChatRequests.thread(frame), ChatRequests.topLevel(frame));
                pipeline.reply(connection, new ChatFrames.History(ref, page));
            }
            case "resume" -> resume(connection, ChatRequests.cursors(frame), ref);
            case "join" -> pipeline.reply(connection,
                    new ChatFrames.Membership("joined", ref, conversations.join(user, ChatRequests.room(frame)).value()));
            case "leave" -> pipeline.reply(connection,
                    new ChatFrames.Membership("left", ref, conversations.leave(user, ChatRequests.room(frame)).value()));
            case "typing" -> typing(connection, ChatRequests.conversation(frame));
            case "read" -> reads.submit(new ReadMarks.Mark(user, ChatRequests.conversation(frame), ChatRequests.seq(frame), connection.id(),
                    failure -> pipeline.fail(connection, ref, failure)));
            case "unread" -> {
                reads.awaitStored(user); // a read this node still holds must not move the position forward again afterwards
                ChatFrames.Marked marked = conversations.markUnread(user, ChatRequests.conversation(frame), ChatRequests.seq(frame), connection.id());
                pipeline.reply(connection, new ChatFrames.Marked(ref, marked.conversation(), marked.readSeq(), marked.unread()));
            }
            case "watch" -> {
                List<String> users = ChatRequests.watch(frame);
                watches.watch(connection, Set.copyOf(users));
                pipeline.reply(connection, new ChatFrames.Watching(ref, users, presence.online(users)));
            }
            case "edit" -> pipeline.reply(connection, new ChatFrames.Changed(ref, changes.edit(user, ChatRequests.conversation(frame),
                    ChatRequests.seq(frame), ChatRequests.text(frame)).orElse(null)));
            case "delete" -> pipeline.reply(connection, new ChatFrames.Changed(ref,
                    changes.delete(user, ChatRequests.conversation(frame), ChatRequests.seq(frame)).orElse(null)));
            case "react", "unreact" -> pipeline.reply(connection, new ChatFrames.Changed(ref, changes.react(user,
                    ChatRequests.conversation(frame), ChatRequests.seq(frame), ChatRequests.emoji(frame),
                    type.equals("react")).orElse(null)));
            case "ping" -> pipeline.reply(connection, new OutboundFrames.Pong(ref));
            default -> SocketPipeline.unknownType(type);
        }
    }

    private void resume(Connection connection, Map<String, Long> cursors, Object ref) {
        Subscriber subscriber = index.find(connection.id())
                .orElseThrow(() -> new ParleyException(ErrorCode.UNAVAILABLE, "the socket is closing"));
        subscriber.startResume();
        MessageService.Resume result = null;
        List<String> after = new ArrayList<>();
        try {
            result = messages.resume(connection.username(), cursors, codec::write);
            result.failures().forEach((conversation, failure) -> after.add(codec.write(
                    new OutboundFrames.Error(ref, failure.code(), conversation + ": " + failure.getMessage()))));
            after.add(codec.write(new ChatFrames.Resumed(ref, result.count(), result.truncated())));
        } finally {
            // Always release the held live messages, also when the resume failed.
            subscriber.finishResume(result == null ? List.of() : result.replay(), after);
        }
    }

    private void typing(Connection connection, ConversationId id) {
        Subscriber subscriber = index.find(connection.id()).orElse(null);
        if (subscriber == null || !subscriber.receives(id.value())) {
            // Not subscribed: an error if the user may not write there, otherwise nobody is listening yet.
            conversations.requireAccess(connection.username(), id);
            return;
        }
        delivery.publish(new Envelope.ToConversation(id.value(),
                codec.write(new ChatFrames.Typing(id.value(), connection.username())), null, connection.username()));
    }
}
