package dev.parley.bench;

import dev.parley.testing.Api;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StreamClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark that prints figures. Run with {@code mvn verify -Pbench -Dit.test=TransportBenchmark}.
 * The fallback transport (server-sent events and a POST per frame) against WebSockets, on one server,
 * alternating in one run:
 * <ol>
 *   <li>fan-out: {@value #SUBSCRIBERS} subscribers on the transport in one room, a WebSocket publisher
 *       sending {@value #MESSAGES} messages at {@value #RATE}/s; delivery latency at every subscriber;</li>
 *   <li>sends: {@value #SENDERS} senders on the transport, each sending into a room of its own and
 *       waiting for the ack before the next (window 1), for {@value #SEND_SECONDS} s: acks per second,
 *       ack latency.</li>
 * </ol>
 */
class TransportBenchmark {

    static final int SUBSCRIBERS = 100;
    static final int MESSAGES = 200;
    static final int RATE = 20;
    static final int SENDERS = 10;
    static final int SEND_SECONDS = 10;
    static final int ROUNDS = Integer.getInteger("bench.rounds", 2);

    /** One connection on either transport: send a frame, take the next one. */
    private record Conn(Consumer<String> send, Supplier<JsonObject> next, Runnable close) {
        JsonObject nextOfType(String type) {
            while (true) {
                JsonObject frame = next.get();
                if (type.equals(frame.getString("type"))) {
                    return frame;
                }
            }
        }
    }

    @Test
    void run() throws Exception {
        try (ServerProcess server = BenchServer.start(Map.of())) {
            Api api = new Api(server.base());
            for (int round = 1; round <= ROUNDS; round++) {
                for (String transport : List.of("websocket", "stream")) {
                    fanOut(api, transport, round);
                    sends(api, transport, round);
                }
            }
        }
    }

    private static Conn connect(Api api, String transport, String token) {
        if (transport.equals("websocket")) {
            SocketClient socket = SocketClient.open(SocketClient.socketUri(api.base(), "chat"), "Authorization", Api.bearer(token));
            socket.next("welcome");
            return new Conn(socket::send, socket::next, socket::close);
        }
        StreamClient stream = StreamClient.open(api.base(), "chat", "Authorization", Api.bearer(token));
        stream.next("welcome");
        return new Conn(frame -> {
            int status = stream.send(frame);
            if (status != 202) {
                throw new IllegalStateException("POST answered " + status);
            }
        }, stream::next, stream::close);
    }

    private static void live(Conn conn, String slug) {
        conn.send().accept(Api.json("type", "join", "ref", "j", "room", slug));
        conn.nextOfType("joined");
        conn.send().accept(Api.json("type", "resume", "ref", "r", "cursors", Json.createObjectBuilder().build()));
        conn.nextOfType("resumed");
    }

    private void fanOut(Api api, String transport, int round) throws Exception {
        String slug = "tb-" + transport + "-" + round + "-" + System.currentTimeMillis();
        String conversation = "room:" + slug;
        List<Conn> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Conn conn = connect(api, transport, api.newUserToken("tf"));
            live(conn, slug);
            subscribers.add(conn);
        }
        Conn publisher = connect(api, "websocket", api.newUserToken("tp"));
        live(publisher, slug);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (Conn subscriber : subscribers) {
            Thread reader = new Thread(() -> {
                int seen = 0;
                while (seen < MESSAGES) {
                    JsonObject message = subscriber.nextOfType("message").getJsonObject("message");
                    long arrived = System.nanoTime();
                    Long sent = sentAt.get(message.getString("clientMsgId"));
                    if (sent != null) {
                        latencies.add(arrived - sent);
                        seen++;
                    }
                }
            }, "bench-reader");
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long begin = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            long due = begin + i * period;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            String id = "tb-" + round + "-" + i;
            sentAt.put(id, System.nanoTime());
            publisher.send().accept(Api.json("type", "send", "ref", id, "conversation", conversation, "text", "tick " + i, "clientMsgId", id));
        }
        for (Thread reader : readers) {
            reader.join(TimeUnit.SECONDS.toMillis(60));
        }
        long[] sample = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("round %d %-9s fan-out: %d of %d deliveries; latency ms p50 %.1f  p99 %.1f  max %.1f%n", round, transport,
                sample.length, (long) MESSAGES * SUBSCRIBERS, ms(percentile(sample, 50)), ms(percentile(sample, 99)),
                ms(sample.length == 0 ? 0 : sample[sample.length - 1]));
        subscribers.forEach(conn -> conn.close().run());
        publisher.close().run();
    }

    private void sends(Api api, String transport, int round) throws Exception {
        List<Thread> senders = new ArrayList<>();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        AtomicLong acked = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SEND_SECONDS);
        List<Conn> conns = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            Conn conn = connect(api, transport, api.newUserToken("ts"));
            String slug = "tbs-" + transport + "-" + round + "-" + s + "-" + System.currentTimeMillis();
            live(conn, slug);
            conns.add(conn);
            int sender = s;
            senders.add(new Thread(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    String id = "s" + round + "-" + sender + "-" + i;
                    long sent = System.nanoTime();
                    conn.send().accept(Api.json("type", "send", "ref", id, "conversation", "room:" + slug, "text", "x", "clientMsgId", id));
                    conn.nextOfType("ack");
                    latencies.add(System.nanoTime() - sent);
                    acked.incrementAndGet();
                }
            }, "bench-sender"));
        }
        long begin = System.nanoTime();
        senders.forEach(Thread::start);
        for (Thread sender : senders) {
            sender.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long[] sample = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("round %d %-9s sends: %d senders, window 1: %.0f acked/s; ack latency ms p50 %.1f  p99 %.1f%n", round, transport,
                SENDERS, acked.get() / seconds, ms(percentile(sample, 50)), ms(percentile(sample, 99)));
        conns.forEach(conn -> conn.close().run());
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
