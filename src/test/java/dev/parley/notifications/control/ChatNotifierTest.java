package dev.parley.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.entity.ConversationId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ChatNotifierTest {

    private static MessageView message(String conversation, String sender, String text) {
        return message(conversation, 1, sender, text);
    }

    private static MessageView message(String conversation, long seq, String sender, String text) {
        return new MessageView("id-" + conversation + "-" + seq, conversation, seq, sender, text, List.of(), "c" + seq, Instant.EPOCH, null, null, null, null, null, null, null);
    }

    private static MessageView reply(String conversation, long seq, String sender, String text, long thread, int index) {
        return new MessageView("id-" + conversation + "-" + seq, conversation, seq, sender, text, List.of(), "c" + seq, Instant.EPOCH,
                null, null, null, thread, index, null, null);
    }

    /** Read positions as the database would answer: members only. */
    private static BiFunction<ConversationId, Set<String>, Map<String, Long>> positions(Map<String, Map<String, Long>> byConversation) {
        return (id, users) -> {
            Map<String, Long> known = byConversation.getOrDefault(id.value(), Map.of());
            Map<String, Long> answer = new HashMap<>();
            users.stream().filter(known::containsKey).forEach(user -> answer.put(user, known.get(user)));
            return answer;
        };
    }

    @Test
    void aDirectMessageConcernsTheOtherParticipant() {
        assertEquals(Set.of("bob"), ChatNotifier.concerned(message("dm:alice:bob", "alice", "hi")));
        assertEquals(Set.of(), ChatNotifier.concerned(message("dm:alice:alice", "alice", "note to self")));
    }

    @Test
    void aRoomMessageConcernsTheMentionedUsersButNotTheSender() {
        assertEquals(Set.of("bob", "carol.x"),
                ChatNotifier.concerned(message("room:ops", "alice", "@bob and @carol.x: look (cc @alice)")));
        assertEquals(Set.of(), ChatNotifier.concerned(message("room:ops", "alice", "mail me at alice@bob.example, or @x")),
                "an e-mail address and a too-short name are not mentions");
        assertEquals(Set.of(), ChatNotifier.concerned(message("room:ops", "alice", "no mentions here")));
    }

    @Test
    void directMessagesDueTogetherBecomeOneNotificationPerSenderAndRecipient() {
        List<MessageView> due = List.of(
                message("dm:alice:bob", 3, "alice", "one"), message("dm:alice:bob", 4, "bob", "answer"),
                message("dm:alice:bob", 5, "alice", "two"), message("dm:alice:bob", 6, "alice", "three"),
                message("dm:alice:carol", 1, "alice", "hello carol"));
        List<ChatNotifier.Digest> digests = ChatNotifier.digest(due, positions(Map.of(
                "dm:alice:bob", Map.of("alice", 4L, "bob", 3L),
                "dm:alice:carol", Map.of("alice", 1L, "carol", 0L))));

        assertEquals(2, digests.size(), digests.toString());
        ChatNotifier.Digest bobs = digests.get(0);
        assertEquals(List.of("bob"), bobs.recipients());
        assertEquals(List.of(5L, 6L), bobs.messages().stream().map(MessageView::seq).toList(), "bob has read up to 3");
        assertEquals("alice sent you 2 messages", bobs.title());
        assertEquals("three", bobs.preview());
        assertEquals("alice sent you a message", digests.get(1).title());
        assertEquals(List.of("carol"), digests.get(1).recipients());
    }

    @Test
    void readOrNotMemberMeansNoNotification() {
        List<MessageView> due = List.of(message("dm:alice:bob", 1, "alice", "seen"),
                message("room:ops", 7, "alice", "@dave @erin look"));
        assertEquals(List.of(), ChatNotifier.digest(due, positions(Map.of(
                "dm:alice:bob", Map.of("bob", 1L),
                "room:ops", Map.of("dave", 7L)))), "bob and dave read it; erin is not in the room");
    }

    @Test
    void mentionsAreCountedPerRecipient() {
        List<MessageView> due = List.of(
                message("room:ops", 10, "alice", "@bob first"),
                message("room:ops", 11, "alice", "@bob @carol second"),
                message("room:ops", 12, "dave", "@bob from dave"));
        List<ChatNotifier.Digest> digests = ChatNotifier.digest(due, positions(Map.of(
                "room:ops", Map.of("bob", 9L, "carol", 9L, "alice", 11L, "dave", 12L))));

        assertEquals(3, digests.size(), digests.toString());
        assertEquals(List.of("bob"), digests.get(0).recipients());
        assertEquals("alice mentioned you 2 times in room:ops", digests.get(0).title());
        assertEquals(List.of("carol"), digests.get(1).recipients());
        assertEquals("alice mentioned you in room:ops", digests.get(1).title());
        assertEquals("dave mentioned you in room:ops", digests.get(2).title());
    }

    @Test
    void membersWithTheSameUnreadMessagesShareADigest() {
        List<MessageView> due = List.of(message("room:ops", 4, "alice", "@bob @carol " + "x".repeat(300)));
        List<ChatNotifier.Digest> digests = ChatNotifier.digest(due, positions(Map.of("room:ops", Map.of("bob", 0L, "carol", 3L))));
        assertEquals(1, digests.size());
        assertEquals(List.of("bob", "carol"), digests.get(0).recipients());
        assertEquals(ChatNotifier.PREVIEW + 1, digests.get(0).preview().codePointCount(0, digests.get(0).preview().length()),
                "cut to the preview length, with an ellipsis");
    }

    @Test
    void repliesAreDigestedPerThreadForItsParticipants() {
        List<MessageView> due = List.of(
                reply("room:ops", 5, "bob", "first", 1, 1),
                reply("room:ops", 6, "bob", "second", 1, 2),
                reply("room:ops", 7, "bob", "elsewhere", 3, 1),
                message("room:ops", 8, "bob", "top level, no mention"));
        Map<Long, Set<String>> participants = Map.of(1L, Set.of("alice", "carol"), 3L, Set.of("dave"));
        List<ChatNotifier.Digest> digests = ChatNotifier.digest(due,
                message -> message.thread() == null ? ChatNotifier.concerned(message) : participants.get(message.thread()),
                positions(Map.of("room:ops", Map.of("alice", 4L, "carol", 5L, "dave", 0L))));

        assertEquals(3, digests.size(), digests.toString());
        assertEquals(List.of("alice"), digests.get(0).recipients());
        assertEquals("bob replied 2 times in a thread in room:ops", digests.get(0).title());
        assertEquals("second", digests.get(0).preview());
        assertEquals(List.of("carol"), digests.get(1).recipients(), "carol read the first reply");
        assertEquals("bob replied in a thread in room:ops", digests.get(1).title());
        assertEquals(List.of("dave"), digests.get(2).recipients());
        assertEquals(List.of(7L), digests.get(2).messages().stream().map(MessageView::seq).toList(), "each thread is digested apart");
    }

    @Test
    void aRoomMessageMayMentionEveryoneOrThoseOnlineButNotADirectOne() {
        assertEquals("all", ChatNotifier.mentionsEveryone(message("room:ops", "alice", "@channel deploy at 5")));
        assertEquals("all", ChatNotifier.mentionsEveryone(message("room:ops", "alice", "@here and @room")), "everyone wins over here");
        assertEquals("here", ChatNotifier.mentionsEveryone(message("room:ops", "alice", "anyone @here?")));
        assertEquals(null, ChatNotifier.mentionsEveryone(message("room:ops", "alice", "mail @heres or me@here.example")));
        assertEquals(null, ChatNotifier.mentionsEveryone(message("dm:alice:bob", "alice", "@everyone")), "only rooms");
        assertEquals(Set.of("bob"), ChatNotifier.concerned(message("room:ops", "alice", "@here @bob @all")),
                "reserved names are no users");
    }
}
