package dev.parley.bench;

import dev.parley.testing.Api;
import dev.parley.testing.JmsClient;
import dev.parley.testing.ServerProcess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark that prints figures. Run with {@code mvn verify -Pbench}.
 *
 * <ol>
 *   <li>Live: {@value #SENDERS} REST senders (one room each) send {@value #PER_SENDER} messages each as
 *       fast as they are acknowledged, while an external JMS client counts the {@code message.sent}
 *       events: sends/s, events/s, and the lag from commit to arrival (p50/p99).</li>
 *   <li>Backlog: one notification to all of {@value #USERS} users; how fast its
 *       {@code notification.created} events go through the outbox (written in chunks, relayed in
 *       batches).</li>
 * </ol>
 */
class OutboxBenchmark {

    static final int SENDERS = 8;
    static final int PER_SENDER = 500;
    static final int USERS = 2000;

    @Test
    void run() throws Exception {
        int jmsPort = ServerProcess.freePort();
        try (ServerProcess server = BenchServer.start(Map.of(
                "PARLEY_ADMIN_USER", "bench-admin",
                "PARLEY_ADMIN_PASSWORD", "bench-admin-password",
                "PARLEY_JMS_PORT", Integer.toString(jmsPort),
                "PARLEY_JMS_USER", "bench",
                "PARLEY_JMS_PASSWORD", "bench-jms-password"));
             JmsClient jms = new JmsClient("tcp://127.0.0.1:" + jmsPort, "bench", "bench-jms-password")) {
            Api api = new Api(server.base());
            live(api, jms);
            backlog(api, jms);
        }
    }

    private void live(Api api, JmsClient jms) throws Exception {
        List<String> tokens = new ArrayList<>();
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            String token = api.newUserToken("ob");
            String slug = "outbox-bench-" + i + "-" + System.nanoTime();
            api.post("api/rooms", Api.json("slug", slug), "Authorization", Api.bearer(token));
            tokens.add(token);
            rooms.add("room:" + slug);
        }
        JmsClient.Events events = jms.events();
        int total = SENDERS * PER_SENDER;
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            String token = tokens.get(i);
            String room = rooms.get(i);
            running.add(senders.submit(() -> {
                for (int n = 0; n < PER_SENDER; n++) {
                    Api.Reply reply = api.post("api/conversations/" + room + "/messages",
                            Api.json("text", "tick " + n, "clientMsgId", "c-" + n), "Authorization", Api.bearer(token));
                    if (reply.status() != 201) {
                        throw new IllegalStateException(reply.toString());
                    }
                }
                return null;
            }));
        }
        for (Future<?> sender : running) {
            sender.get();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        List<Long> lags = Collections.synchronizedList(new ArrayList<>());
        int[] seen = {0};
        events.until(e -> "message.sent".equals(e.eventType()) && rooms.contains(e.data().getString("conversation")), e -> {
            lags.add(e.receivedAtMillis() - Instant.parse(e.json().getString("occurredAt")).toEpochMilli());
            return ++seen[0] == total;
        });
        double eventSeconds = (System.nanoTime() - start) / 1e9;
        senders.shutdown();
        List<Long> sorted = new ArrayList<>(lags);
        Collections.sort(sorted);
        System.out.printf("outbox live: %d acknowledged REST sends by %d senders in %.1f s (%.0f/s); all %d message.sent events "
                        + "received after %.1f s (%.0f events/s); commit-to-consumer lag p50 %d ms, p99 %d ms, max %d ms%n",
                total, SENDERS, sendSeconds, total / sendSeconds, total, eventSeconds, total / eventSeconds,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 99 / 100), sorted.get(sorted.size() - 1));
    }

    private void backlog(Api api, JmsClient jms) {
        for (int i = 0; i < USERS; i++) {
            api.register(Api.uniqueUser("obu"), "password-1");
        }
        String publisher = Api.bearer(api.token("bench-admin", "bench-admin-password"));
        JmsClient.Events events = jms.events();
        String title = "outbox-bench-" + System.nanoTime();
        long start = System.nanoTime();
        Api.Reply published = api.post("api/notifications", "{\"to\":{\"all\":true},\"title\":\"" + title + "\"}", "Authorization", publisher);
        if (published.status() != 202) {
            throw new IllegalStateException(published.toString());
        }
        int recipients = published.json().getJsonArray("ids").size();
        int[] seen = {0};
        events.until(e -> "notification.created".equals(e.eventType())
                && title.equals(e.data().getJsonObject("notification").getString("title")), e -> ++seen[0] == recipients);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("outbox backlog: a notification to all %d users; all %d notification.created events received %.1f s after "
                + "the request (%.0f events/s, stored and relayed)%n", recipients, recipients, seconds, recipients / seconds);
    }
}
