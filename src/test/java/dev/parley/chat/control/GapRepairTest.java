package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.delivery.Envelope;
import dev.parley.platform.config.MapConfig;
import dev.parley.platform.config.Settings;
import dev.parley.sockets.Channel;
import dev.parley.testing.FakeTransport;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gaps in live delivery, through the real receiver: messages published out of order on this node,
 * filled once per conversation from the store for every socket that misses them, never skipped.
 */
class GapRepairTest {

    private final List<FakeTransport> sockets = List.of(FakeTransport.instant(), FakeTransport.instant());
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> queries = new ArrayList<>();
    private List<Subscriber.Replay> stored = List.of();
    private final ChatReceiver receiver = new ChatReceiver();

    @BeforeEach
    void setUp() {
        ConversationIndex index = new ConversationIndex();
        index.settings = Settings.from(new MapConfig(Map.of()));
        index.scheduler = scheduler(task -> { });
        GapRepair repair = new GapRepair();
        repair.index = index;
        repair.store = (conversation, afterSeq, limit) -> {
            queries.add(afterSeq);
            return stored.stream().filter(m -> m.seq() > afterSeq).toList();
        };
        repair.scheduler = scheduler(scheduled::add);
        receiver.index = index;
        receiver.gaps = repair;
        for (int i = 0; i < sockets.size(); i++) {
            Subscriber subscriber = index.attach(sockets.get(i).connection("c" + i, "u" + i, Channel.CHAT, 1000));
            subscriber.position("room:a", 0);
            subscriber.stopAwaitingResume();
            index.subscribe(subscriber, "room:a");
        }
    }

    /** A scheduler that hands each scheduled task to {@code tasks} instead of running it. */
    private static ManagedScheduledExecutorService scheduler(Consumer<Runnable> tasks) {
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(GapRepairTest.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schedule")) {
                        tasks.accept((Runnable) args[0]);
                    }
                    return null;
                });
    }

    private void live(long seq) {
        receiver.sequenced(new Envelope.Sequenced("room:a", seq, "#" + seq));
    }

    @Test
    void aGapThatStaysOpenIsFilledOnceForAllSockets() {
        stored = List.of(new Subscriber.Replay("room:a", 2, "#2"), new Subscriber.Replay("room:a", 3, "#3"));
        live(1);
        live(3);
        live(3);
        assertEquals(1, scheduled.size(), "one repair per conversation, however many sockets and messages wait");
        scheduled.remove(0).run();
        assertEquals(List.of(1L), queries, "one query, from the lowest position");
        for (FakeTransport socket : sockets) {
            assertEquals(List.of("#1", "#2", "#3"), socket.written());
        }
        live(4);
        assertEquals(List.of("#1", "#2", "#3", "#4"), sockets.get(0).written());
        assertEquals(0, scheduled.size());
    }

    @Test
    void aGapClosedByTheMissingMessageNeedsNoQuery() {
        live(1);
        live(3);
        live(2);
        scheduled.remove(0).run();
        assertEquals(List.of(), queries);
        assertEquals(List.of("#1", "#2", "#3"), sockets.get(1).written());
    }

    @Test
    void aNewMemberStartsAfterTheSeqTheyJoinedAtEvenWhenALaterMessageOvertakesAnEarlierOne() {
        FakeTransport newcomer = FakeTransport.instant();
        Subscriber subscriber = receiver.index.attach(newcomer.connection("c9", "u9", Channel.CHAT, 1000));
        subscriber.stopAwaitingResume();
        live(1);
        receiver.apply(subscriber, new Envelope.MembershipChange("room:a", "u9", true, 1));
        live(3);
        assertEquals(List.of(), newcomer.written(), "#3 waits for #2: the newcomer joined after #1");
        live(2);
        assertEquals(List.of("#2", "#3"), newcomer.written());
        assertEquals(List.of("#1", "#2", "#3"), sockets.get(0).written());
    }

    @Test
    void messagesThatCannotBeReadAreNeverSkippedTheSocketResumesInstead() {
        live(1);
        live(3);
        for (int attempt = 1; attempt <= GapRepair.MAX_ATTEMPTS; attempt++) {
            assertEquals(List.of("#1"), sockets.get(0).written(), "still waiting at attempt " + attempt);
            assertNull(sockets.get(0).closedWith());
            scheduled.remove(0).run();
        }
        for (FakeTransport socket : sockets) {
            assertEquals(List.of("#1"), socket.written(), "#3 is never sent without #2");
            assertEquals(1013, socket.closedWith(), "the client reconnects and resumes from #1");
        }
        assertEquals(0, scheduled.size());
    }
}
