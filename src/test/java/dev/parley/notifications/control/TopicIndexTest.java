package dev.parley.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.accounts.entity.Role;
import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.testing.FakeTransport;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TopicIndexTest {

    private static final ParleyPrincipal USER = new ParleyPrincipal("ann", Set.of(Role.USER), "cred", CredentialKind.TOKEN, Instant.MAX);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TopicIndex index = new TopicIndex();

    private static Connection socket(String id, FakeTransport transport) {
        return new Connection(id, USER, Channel.NOTIFICATIONS, transport, Runnable::run, 64, 1 << 20, 20, 40, 0);
    }

    @Test
    void aQuietTopicsUpdateGoesOutAtOnceAndAFastFeedAtMostOncePerInterval() {
        index.pace(20); // every 50 ms at most
        FakeTransport transport = FakeTransport.instant();
        assertTrue(index.subscribe(socket("s1", transport), "prices:ACME", "subscribed"));

        index.publish("prices:ACME", "v1", 1000 * MS);
        assertEquals(List.of("subscribed", "v1"), transport.written(), "the first value does not wait");

        index.publish("prices:ACME", "v2", 1010 * MS);
        index.publish("prices:ACME", "v3", 1020 * MS);
        index.tick(1030 * MS);
        assertEquals(List.of("subscribed", "v1", "v3"), transport.written(), "v2 and v3 wait for a tick and only the newest goes");

        index.publish("prices:ACME", "v4", 1040 * MS);
        index.tick(1050 * MS);
        index.tick(1100 * MS);
        assertEquals(List.of("subscribed", "v1", "v3", "v4"), transport.written(), "v4 came within 50 ms of v3's tick; sent once");

        index.publish("prices:ACME", "v5", 1200 * MS);
        assertEquals("v5", transport.written().get(4), "quiet for a whole interval again: at once");
    }

    @Test
    void aNewSubscriberGetsTheLastValueThenKeepsPace() {
        index.pace(20);
        FakeTransport early = FakeTransport.instant();
        index.subscribe(socket("s1", early), "scores:FINAL", "subscribed");
        index.publish("scores:FINAL", "1-0", 1000 * MS);
        index.publish("scores:FINAL", "2-0", 1010 * MS);

        FakeTransport late = FakeTransport.instant();
        index.subscribe(socket("s2", late), "scores:FINAL", "subscribed");
        assertEquals(List.of("subscribed", "2-0"), late.written(), "the last value, even while it waits for the tick");

        index.tick(1050 * MS);
        assertEquals(List.of("subscribed", "2-0", "2-0"), late.written(), "and once more with the others at the tick");
        assertEquals(List.of("subscribed", "1-0", "2-0"), early.written());
    }

    @Test
    void withoutAPaceEveryValueGoesOutAtOnce() {
        index.pace(0);
        FakeTransport transport = FakeTransport.instant();
        index.subscribe(socket("s1", transport), "t", "subscribed");
        for (int i = 0; i < 5; i++) {
            index.publish("t", "v" + i, 1000 * MS);
        }
        assertEquals(List.of("subscribed", "v0", "v1", "v2", "v3", "v4"), transport.written());
    }

    @Test
    void aSeededValueFromAnotherNodeIsWhatANewSubscriberGets() {
        index.pace(20);
        index.seed("fx:EURUSD", "1.09");
        FakeTransport transport = FakeTransport.instant();
        index.subscribe(socket("s1", transport), "fx:EURUSD", "subscribed");
        assertEquals(List.of("subscribed", "1.09"), transport.written());
        index.seed("fx:EURUSD", "older");
        index.publish("fx:EURUSD", "1.10", 1000 * MS);
        assertEquals(List.of("subscribed", "1.09", "1.10"), transport.written(), "a seed never replaces a value, and a live one follows");
    }
}
