package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.sockets.SocketClosed;
import dev.parley.testing.FakeTransport;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Whom each socket watches: replaced by each {@code watch}, forgotten when the socket closes. */
class PresenceWatchesTest {

    private final PresenceWatches watches = new PresenceWatches();
    private final Connection one = FakeTransport.instant().connection("s1", "alice", Channel.CHAT, 64);
    private final Connection two = FakeTransport.instant().connection("s2", "bob", Channel.CHAT, 64);

    @Test
    void aWatchReplacesTheSocketsEarlierOne() {
        watches.watch(one, Set.of("carol", "dave"));
        watches.watch(two, Set.of("carol"));
        assertEquals(Set.of(one, two), Set.copyOf(watches.watchersOf("carol")));

        watches.watch(one, Set.of("erin"));
        assertEquals(Set.of(two), Set.copyOf(watches.watchersOf("carol")));
        assertTrue(watches.watchersOf("dave").isEmpty(), "dave is no longer watched by anyone");
        assertEquals(Set.of(one), Set.copyOf(watches.watchersOf("erin")));

        watches.watch(one, Set.of());
        assertTrue(watches.watchersOf("erin").isEmpty(), "an empty list stops watching");
    }

    @Test
    void aClosedSocketWatchesNobody() {
        watches.watch(one, Set.of("carol"));
        watches.watch(two, Set.of("carol"));
        one.close(Connection.CLOSE_GOING_AWAY, "gone");
        watches.closed(new SocketClosed(one.id(), "alice"));
        assertEquals(Set.of(two), Set.copyOf(watches.watchersOf("carol")));

        watches.watch(one, Set.of("dave"));
        assertTrue(watches.watchersOf("dave").isEmpty(), "a watch that arrives after the close is not kept");
    }
}
