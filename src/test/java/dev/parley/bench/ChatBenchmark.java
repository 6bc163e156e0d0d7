package dev.parley.bench;

import dev.parley.testing.Api;
import dev.parley.testing.ServerProcess;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark that prints figures. Run with {@code mvn verify -Pbench}.
 *
 * <ol>
 *   <li>Fan-out: 1000 members in one room, each with a chat socket; one member sends messages at a
 *       steady rate; the time from send to arrival is measured at every member (p50/p95/p99/max).</li>
 *   <li>Throughput: many sockets send as fast as acks come back into small rooms; acked messages per
 *       second (each one committed to the embedded H2 database before its ack).</li>
 * </ol>
 */
class ChatBenchmark {

    static final int MEMBERS = Integer.getInteger("bench.members", 1000);
    static final int FANOUT_MESSAGES = Integer.getInteger("bench.fanoutMessages", 200);
    static final int FANOUT_RATE = Integer.getInteger("bench.fanoutRate", 20);
    static final int SENDERS = Integer.getInteger("bench.senders", 32);
    static final int SENDS_PER_SENDER = Integer.getInteger("bench.sendsPerSender", 250);

    @Test
    void run() throws Exception {
        try (ServerProcess server = BenchServer.start(Map.of())) {
            Api api = new Api(server.base());
            fanOut(api);
            throughput(api);
        }
    }

    private void fanOut(Api api) throws Exception {
        String slug = "bench-" + System.currentTimeMillis();
        String conversation = "room:" + slug;
        List<Member> members = new ArrayList<>();
        HttpClient[] clients = new HttpClient[8];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        }
        long start = System.nanoTime();
        for (int i = 0; i < MEMBERS; i++) {
            String token = api.newUserToken("m");
            Member member = new Member(clients[i % clients.length], api.base(), token);
            members.add(member);
            member.send(Api.json("type", "join", "ref", "j", "room", slug));
            member.send(Api.json("type", "resume", "ref", "r", "cursors", Json.createObjectBuilder().build()));
        }
        for (Member member : members) {
            member.resumed.await(60, TimeUnit.SECONDS);
        }
        System.out.printf("fan-out: %d members connected and joined in %.1f s%n", MEMBERS, seconds(System.nanoTime() - start));

        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        Member sender = members.get(0);
        LongAdder delivered = new LongAdder();
        long[] latencies = new long[FANOUT_MESSAGES * MEMBERS];
        AtomicLong next = new AtomicLong();
        for (Member member : members) {
            member.onMessage = (clientMsgId, arrived) -> {
                Long sent = sentAt.get(clientMsgId);
                if (sent != null) {
                    long index = next.getAndIncrement();
                    if (index < latencies.length) {
                        latencies[(int) index] = arrived - sent;
                    }
                    delivered.increment();
                }
            };
        }
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / FANOUT_RATE;
        long begin = System.nanoTime();
        for (int i = 0; i < FANOUT_MESSAGES; i++) {
            long due = begin + i * periodNanos;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            String id = "f-" + i;
            sentAt.put(id, System.nanoTime());
            sender.send(Api.json("type", "send", "ref", id, "conversation", conversation, "text", "tick " + i, "clientMsgId", id));
        }
        long expected = (long) FANOUT_MESSAGES * MEMBERS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        long elapsed = System.nanoTime() - begin;
        int count = (int) Math.min(next.get(), latencies.length);
        long[] sample = Arrays.copyOf(latencies, count);
        Arrays.sort(sample);
        System.out.printf("fan-out: %d messages at %d/s to %d members: %d of %d deliveries in %.1f s (%.0f frames/s)%n",
                FANOUT_MESSAGES, FANOUT_RATE, MEMBERS, delivered.sum(), expected, seconds(elapsed), delivered.sum() / seconds(elapsed));
        System.out.printf("fan-out latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                millis(percentile(sample, 50)), millis(percentile(sample, 95)), millis(percentile(sample, 99)),
                millis(sample.length == 0 ? 0 : sample[sample.length - 1]));
        members.forEach(Member::close);
    }

    private void throughput(Api api) throws Exception {
        List<Member> senders = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < SENDERS; i++) {
            Member member = new Member(client, api.base(), api.newUserToken("s"));
            member.send(Api.json("type", "join", "ref", "j", "room", "load-" + (i % 8) + "-" + System.currentTimeMillis() / 1000));
            member.send(Api.json("type", "resume", "ref", "r", "cursors", Json.createObjectBuilder().build()));
            senders.add(member);
        }
        for (Member member : senders) {
            member.resumed.await(60, TimeUnit.SECONDS);
        }
        CountDownLatch done = new CountDownLatch(SENDERS);
        long begin = System.nanoTime();
        for (Member member : senders) {
            member.sendLoop(SENDS_PER_SENDER, done);
        }
        done.await(300, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - begin;
        long acked = senders.stream().mapToLong(m -> m.acks.sum()).sum();
        System.out.printf("throughput: %d senders into 8 rooms: %d acked sends in %.1f s = %.0f acked messages/s (H2, committed before each ack)%n",
                SENDERS, acked, seconds(elapsed), acked / seconds(elapsed));
        senders.forEach(Member::close);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    interface Arrival {
        void arrived(String clientMsgId, long nanos);
    }

    /** One chat socket that counts what it receives. */
    static final class Member implements WebSocket.Listener {
        final CountDownLatch resumed = new CountDownLatch(1);
        final LongAdder acks = new LongAdder();
        /** Send-to-ack times of the closed loop, in nanoseconds. */
        final List<Long> ackLatencies = Collections.synchronizedList(new ArrayList<>());
        private volatile long sentAt;
        volatile Arrival onMessage = (id, at) -> { };
        private final WebSocket socket;
        private final StringBuilder partial = new StringBuilder();
        private volatile Runnable afterAck = () -> { };
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        Member(HttpClient client, URI http, String token) {
            URI uri = URI.create(http.toString().replaceFirst("^http", "ws") + "chat");
            this.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).buildAsync(uri, this).join();
        }

        synchronized void send(String text) {
            sending = sending.thenCompose(ws -> socket.sendText(text, true));
        }

        /** Sends one message, and the next each time an ack arrives: a closed loop per socket. */
        void sendLoop(int total, CountDownLatch done) {
            AtomicLong sent = new AtomicLong();
            afterAck = () -> {
                long n = sent.incrementAndGet();
                if (n < total) {
                    sendOne(n);
                } else if (n == total) {
                    done.countDown();
                }
            };
            sendOne(0);
        }

        private volatile String room;

        private void sendOne(long n) {
            sentAt = System.nanoTime();
            send(Api.json("type", "send", "ref", "t", "conversation", room, "text", "load " + n, "clientMsgId", "t-" + n + "-" + System.nanoTime()));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                String text = partial.toString();
                partial.setLength(0);
                // The client must not be the bottleneck: read just the fields needed, without a JSON parse.
                switch (field(text, "type")) {
                    case "message" -> onMessage.arrived(field(text, "clientMsgId"), now);
                    case "joined" -> room = field(text, "conversation");
                    case "resumed" -> resumed.countDown();
                    case "ack" -> {
                        acks.increment();
                        ackLatencies.add(now - sentAt);
                        afterAck.run();
                    }
                    default -> { }
                }
            }
            webSocket.request(1);
            return null;
        }

        void close() {
            socket.abort();
        }

        /** The first string value of a field in a frame (the benchmark's own frames carry no escapes there). */
        static String field(String json, String name) {
            String key = "\"" + name + "\":\"";
            int start = json.indexOf(key);
            if (start < 0) {
                return "";
            }
            start += key.length();
            return json.substring(start, json.indexOf('"', start));
        }
    }
}
