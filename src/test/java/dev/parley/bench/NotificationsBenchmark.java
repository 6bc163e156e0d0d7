package dev.parley.bench;

import dev.parley.testing.Api;
import dev.parley.testing.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark that prints figures. Run with {@code mvn verify -Pbench}.
 *
 * <ol>
 *   <li>Notification fan-out: publishing to all of 1000 connected users, repeatedly; notifications
 *       stored and delivered per second.</li>
 *   <li>Live topic: 1000 subscribers, 100 updates/s; latency from publish to arrival (p50/p95/p99)
 *       and how many updates each subscriber got (slow ones get the newest value, not every value).</li>
 * </ol>
 */
class NotificationsBenchmark {

    static final int USERS = Integer.getInteger("bench.users", 1000);
    static final int BROADCASTS = Integer.getInteger("bench.broadcasts", 10);
    static final int UPDATES_PER_SECOND = Integer.getInteger("bench.updateRate", 100);
    static final int UPDATE_SECONDS = Integer.getInteger("bench.updateSeconds", 10);

    @Test
    void run() throws Exception {
        try (ServerProcess server = BenchServer.start(Map.of(
                "PARLEY_ADMIN_USER", "bench-admin",
                "PARLEY_ADMIN_PASSWORD", "bench-admin-password"))) {
            Api api = new Api(server.base());
            String publisher = Api.bearer(api.token("bench-admin", "bench-admin-password"));
            List<Subscriber> users = new ArrayList<>();
            HttpClient[] clients = new HttpClient[8];
            for (int i = 0; i < clients.length; i++) {
                clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            }
            long start = System.nanoTime();
            for (int i = 0; i < USERS; i++) {
                users.add(new Subscriber(clients[i % clients.length], api.base(), api.newUserToken("n")));
            }
            for (Subscriber user : users) {
                user.welcomed.await(60, TimeUnit.SECONDS);
            }
            System.out.printf("notifications: %d users connected in %.1f s%n", USERS, (System.nanoTime() - start) / 1e9);
            broadcasts(api, publisher, users);
            topic(api, publisher, users);
            users.forEach(Subscriber::close);
        }
    }

    private void broadcasts(Api api, String publisher, List<Subscriber> users) {
        long begin = System.nanoTime();
        for (int round = 1; round <= BROADCASTS; round++) {
            Api.Reply reply = api.post("api/notifications", "{\"to\":{\"all\":true},\"category\":\"system\",\"priority\":\"normal\","
                    + "\"title\":\"round " + round + "\"}", "Authorization", publisher);
            if (reply.status() != 202) {
                throw new IllegalStateException(reply.toString());
            }
        }
        long published = System.nanoTime() - begin;
        long expected = (long) BROADCASTS * users.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (users.stream().mapToLong(u -> u.notifications.sum()).sum() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long delivered = users.stream().mapToLong(u -> u.notifications.sum()).sum();
        long elapsed = System.nanoTime() - begin;
        System.out.printf("notifications: %d broadcasts to all %d users: %.0f stored/s (requests done in %.1f s), %d of %d delivered in %.1f s = %.0f delivered/s%n",
                BROADCASTS, users.size(), expected / (published / 1e9), published / 1e9, delivered, expected, elapsed / 1e9, delivered / (elapsed / 1e9));
    }

    private void topic(Api api, String publisher, List<Subscriber> users) throws Exception {
        String topic = "prices:BENCH";
        for (Subscriber user : users) {
            user.send("{\"type\":\"subscribe\",\"ref\":\"s\",\"topic\":\"" + topic + "\"}");
        }
        for (Subscriber user : users) {
            user.subscribed.await(60, TimeUnit.SECONDS);
        }
        int total = UPDATES_PER_SECOND * UPDATE_SECONDS;
        long period = TimeUnit.SECONDS.toNanos(1) / UPDATES_PER_SECOND;
        // The feed publishes on schedule without waiting for each response, as a price feed would.
        HttpClient feed = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<Void>>> posts = new ArrayList<>();
        long begin = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = begin + i * period;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            posts.add(feed.sendAsync(java.net.http.HttpRequest.newBuilder(api.resolve("api/topics/" + topic))
                    .header("Authorization", publisher).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"data\":{\"i\":" + i + ",\"t\":" + System.currentTimeMillis() + "}}")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()));
        }
        long sendingDone = System.nanoTime();
        long accepted = posts.stream().map(java.util.concurrent.CompletableFuture::join).filter(r -> r.statusCode() == 202).count();
        System.out.printf("topic: the feed sent %d updates in %.1f s; %d accepted%n", total, (sendingDone - begin) / 1e9, accepted);
        // Concurrent publishes may be applied in any order, so "done" means quiet: no update for 2 s.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = users.stream().mapToLong(u -> u.updates.sum()).sum();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(2)) {
                break;
            }
            Thread.onSpinWait();
        }
        long elapsed = quietSince - begin;

        long[] latencies = users.stream().flatMapToLong(u -> u.latencies.stream().mapToLong(Long::longValue)).sorted().toArray();
        long updates = users.stream().mapToLong(u -> u.updates.sum()).sum();
        // Concurrent publishes may be applied in any order: the topic's final value is the one applied last.
        Map<Long, Long> finals = users.stream().collect(java.util.stream.Collectors.groupingBy(u -> u.lastIndex.get(),
                java.util.stream.Collectors.counting()));
        long caughtUp = finals.values().stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.printf("topic: %d updates at %d/s to %d subscribers, all delivered by %.1f s: %d updates (%.0f%% of %d; the rest superseded), %d of %d subscribers ended on the same final value%n",
                total, UPDATES_PER_SECOND, users.size(), elapsed / 1e9, updates, 100.0 * updates / ((long) total * users.size()),
                (long) total * users.size(), caughtUp, users.size());
        System.out.printf("topic latency ms: p50 %d  p95 %d  p99 %d  max %d%n", pct(latencies, 50), pct(latencies, 95), pct(latencies, 99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** One {@code /notifications} socket that counts what arrives. */
    static final class Subscriber implements WebSocket.Listener {
        final CountDownLatch welcomed = new CountDownLatch(1);
        final CountDownLatch subscribed = new CountDownLatch(1);
        final LongAdder notifications = new LongAdder();
        final LongAdder updates = new LongAdder();
        final AtomicLong lastIndex = new AtomicLong(-1);
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        private final WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        Subscriber(HttpClient client, URI http, String token) {
            URI uri = URI.create(http.toString().replaceFirst("^http", "ws") + "notifications");
            socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).buildAsync(uri, this).join();
        }

        synchronized void send(String text) {
            socket.sendText(text, true).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                String type = ChatBenchmark.Member.field(text, "type");
                switch (type) {
                    case "welcome" -> welcomed.countDown();
                    case "subscribed" -> subscribed.countDown();
                    case "notification" -> notifications.increment();
                    case "update" -> {
                        long now = System.currentTimeMillis();
                        updates.increment();
                        lastIndex.set(number(text, "\"i\":"));
                        latencies.add(now - number(text, "\"t\":"));
                    }
                    default -> { }
                }
            }
            webSocket.request(1);
            return null;
        }

        private static long number(String json, String key) {
            int start = json.indexOf(key) + key.length();
            int end = start;
            while (end < json.length() && Character.isDigit(json.charAt(end))) {
                end++;
            }
            return Long.parseLong(json.substring(start, end));
        }

        void close() {
            socket.abort();
        }
    }
}
