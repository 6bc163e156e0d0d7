package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.presence.control.PresenceChanged;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Presence changes that fall into one batch are netted per user before anyone hears of them. */
class ChatPresenceTest {

    private static PresenceChanged on(String user) {
        return new PresenceChanged(user, true);
    }

    private static PresenceChanged off(String user) {
        return new PresenceChanged(user, false);
    }

    @Test
    void eachUserEndsInTheirLastStateInTheOrderTheyFirstChanged() {
        Map<String, Boolean> net = ChatPresence.net(List.of(on("bob"), on("alice"), off("bob"), on("bob"), off("carol")));
        assertEquals(List.of("bob", "alice", "carol"), List.copyOf(net.keySet()));
        assertEquals(Map.of("bob", true, "alice", true, "carol", false), net);
    }

    @Test
    void aUserBackWhereTheyStartedCausesNoFrame() {
        assertEquals(Map.of(), ChatPresence.net(List.of(on("alice"), off("alice"))), "online and gone again: still offline");
        assertEquals(Map.of(), ChatPresence.net(List.of(off("bob"), on("bob"), off("bob"), on("bob"))), "a reconnect: still online");
        assertEquals(Map.of("carol", false), ChatPresence.net(List.of(off("carol"), on("carol"), off("carol"))));
    }
}
