package dev.parley.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.accounts.entity.Role;
import dev.parley.platform.config.MapConfig;
import dev.parley.platform.config.Settings;
import dev.parley.presence.control.Channel;
import dev.parley.presence.control.Connection;
import dev.parley.presence.control.Transport;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gaps in live delivery, filled once per conversation from the store for every socket that misses them. */
class GapRepairTest {

    private final List<List<String>> written = List.of(new ArrayList<>(), new ArrayList<>());
    private final List<Runnable> scheduled = new ArrayList<>();
    private final List<Long> queries = new ArrayList<>();
    private List<Subscriber.Replay> stored = List.of();
    private GapRepair repair;
    private final List<Subscriber> subscribers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        ConversationIndex index = new ConversationIndex();
        index.settings = Settings.from(new MapConfig(Map.of()));
        repair = new GapRepair();
        repair.index = index;
        repair.store = (conversation, afterSeq, limit) -> {
            queries.add(afterSeq);
            return stored.stream().filter(m -> m.seq() > afterSeq).toList();
        };
        repair.scheduler = (ManagedScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schedule")) {
                        scheduled.add((Runnable) args[0]);
                    }
                    return null;
                });
        for (int i = 0; i < 2; i++) {
            List<String> out = written.get(i);
            Transport transport = new Transport() {
                @Override
                public void sendText(String text, Consumer<Throwable> done) {
                    out.add(text);
                    done.accept(null);
                }

                @Override
                public void sendPing(long mark) {
                }

                @Override
                public void close(int code, String reason) {
                    out.add("closed " + code);
                }
            };
            Connection connection = new Connection("c" + i, new ParleyPrincipal("u" + i, Set.of(Role.USER), "cred", CredentialKind.TOKEN),
                    Channel.CHAT, transport, Runnable::run, 1000, 1 << 20, 20, 40, 0);
            Subscriber subscriber = index.attach(connection);
            subscriber.position("room:a", 0);
            subscriber.stopAwaitingResume();
            index.subscribe(subscriber, "room:a");
            subscribers.add(subscriber);
        }
    }

    private void live(long seq) {
        boolean gap = false;
        for (Subscriber subscriber : subscribers) {
            gap |= subscriber.live("room:a", seq, "#" + seq);
        }
        if (gap) {
            repair.gapIn("room:a");
        }
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
        for (List<String> out : written) {
            assertEquals(List.of("#1", "#2", "#3"), out);
        }
        live(4);
        assertEquals(List.of("#1", "#2", "#3", "#4"), written.get(0));
        assertEquals(0, scheduled.size());
    }

    @Test
    void aGapClosedByTheMissingMessageNeedsNoQuery() {
        live(1);
        live(3);
        live(2);
        scheduled.remove(0).run();
        assertEquals(List.of(), queries);
        assertEquals(List.of("#1", "#2", "#3"), written.get(1));
    }

    @Test
    void messagesThatCannotBeFoundAreSkippedAfterThreeAttempts() {
        live(1);
        live(3);
        for (int attempt = 1; attempt <= GapRepair.MAX_ATTEMPTS; attempt++) {
            assertEquals(List.of("#1"), written.get(0), "still waiting at attempt " + attempt);
            scheduled.remove(0).run();
        }
        assertEquals(List.of("#1", "#3"), written.get(0));
        assertEquals(0, scheduled.size());
    }
}
