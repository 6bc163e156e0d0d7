package dev.parley.bench;

import dev.parley.bench.ChatBenchmark.Member;
import dev.parley.testing.Api;
import dev.parley.testing.TestCluster;
import jakarta.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not a test: a benchmark that prints figures. Run with {@code mvn verify -Pbench}; needs PostgreSQL.
 *
 * <ol>
 *   <li>Fan-out latency, same node versus across nodes: a room of {@value #MEMBERS} members, half on
 *       each node, {@value #MESSAGES} messages at {@value #RATE}/s from a sender on node A.</li>
 *   <li>Acked sends per second, {@value #SENDERS} senders in a closed loop into 8 rooms: all on one
 *       node, then spread over both.</li>
 * </ol>
 * Both nodes, PostgreSQL and the load generator share this machine's cores.
 */
class ClusterBenchmark {

    static final int MEMBERS = Integer.getInteger("bench.clusterMembers", 400);
    static final int MESSAGES = 200;
    static final int RATE = 20;
    static final int SENDERS = Integer.getInteger("bench.clusterSenders", 32);
    static final int SENDS_PER_SENDER = Integer.getInteger("bench.clusterSends", 150);

    @Test
    void run() throws Exception {
        TestCluster.unavailable().ifPresent(reason -> Assumptions.abort("ClusterBenchmark needs PostgreSQL: " + reason));
        Path work = Files.createTempDirectory("parley-cluster-bench");
        try (TestCluster cluster = TestCluster.start(work, 2, Map.of(
                "PARLEY_PASSWORD_ITERATIONS", "1000",
                "PARLEY_RATE_PER_SECOND", "100000",
                "PARLEY_RATE_BURST", "100000",
                "PARLEY_HEARTBEAT_SECONDS", "25",
                "PARLEY_SEND_WINDOW", Long.toString(4L * 1024 * 1024),
                "PARLEY_WRITE_TIMEOUT_SECONDS", "10"))) {
            URI[] nodes = {cluster.node(0).base(), cluster.node(1).base()};
            fanOut(cluster.api(0), nodes);
            throughput(cluster.api(0), new URI[] {nodes[0]}, "one node");
            throughput(cluster.api(0), nodes, "two nodes");
        }
    }

    private void fanOut(Api api, URI[] nodes) throws Exception {
        String slug = "cbench-" + System.currentTimeMillis();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            Member member = new Member(client, nodes[i % 2], api.newUserToken("cm"));
            member.send(Api.json("type", "join", "ref", "j", "room", slug));
            member.send(Api.json("type", "resume", "ref", "r", "cursors", Json.createObjectBuilder().build()));
            members.add(member);
        }
        for (Member member : members) {
            member.resumed.await(60, TimeUnit.SECONDS);
        }
        ConcurrentHashMap<String, Long> sentAt = new ConcurrentHashMap<>();
        long[][] latencies = new long[2][MESSAGES * MEMBERS / 2];
        AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger()};
        LongAdder delivered = new LongAdder();
        for (int i = 0; i < MEMBERS; i++) {
            int node = i % 2;
            members.get(i).onMessage = (clientMsgId, arrived) -> {
                Long sent = sentAt.get(clientMsgId);
                if (sent != null) {
                    int index = counts[node].getAndIncrement();
                    if (index < latencies[node].length) {
                        latencies[node][index] = arrived - sent;
                    }
                    delivered.increment();
                }
            };
        }
        Member sender = members.get(0);
        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long begin = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            long due = begin + i * period;
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            String id = "cf-" + i;
            sentAt.put(id, System.nanoTime());
            sender.send(Api.json("type", "send", "ref", id, "conversation", "room:" + slug, "text", "tick " + i, "clientMsgId", id));
        }
        long expected = (long) MESSAGES * MEMBERS;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (delivered.sum() < expected && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        System.out.printf("cluster fan-out: %d messages at %d/s to %d members (half per node): %d of %d delivered%n",
                MESSAGES, RATE, MEMBERS, delivered.sum(), expected);
        String[] names = {"same node (A)", "across nodes (A→B)"};
        for (int node = 0; node < 2; node++) {
            long[] sample = Arrays.copyOf(latencies[node], Math.min(counts[node].get(), latencies[node].length));
            Arrays.sort(sample);
            System.out.printf("cluster fan-out latency, %s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n", names[node],
                    percentile(sample, 50) / 1e6, percentile(sample, 95) / 1e6, percentile(sample, 99) / 1e6,
                    sample.length == 0 ? 0 : sample[sample.length - 1] / 1e6);
        }
        members.forEach(Member::close);
    }

    private void throughput(Api api, URI[] nodes, String label) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Member> senders = new ArrayList<>();
        long stamp = System.nanoTime();
        for (int i = 0; i < SENDERS; i++) {
            Member member = new Member(client, nodes[i % nodes.length], api.newUserToken("cs"));
            member.send(Api.json("type", "join", "ref", "j", "room", "cload-" + (i % 8) + "-" + stamp));
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
        double seconds = (System.nanoTime() - begin) / 1e9;
        long acked = senders.stream().mapToLong(m -> m.acks.sum()).sum();
        long[] ackMillis = senders.stream().flatMap(m -> List.copyOf(m.ackLatencies).stream())
                .mapToLong(nanos -> TimeUnit.NANOSECONDS.toMillis(nanos)).sorted().toArray();
        System.out.printf("cluster throughput, %s: %d senders into 8 rooms: %d acked sends in %.1f s = %.0f acked messages/s, "
                        + "ack p50 %d ms, p99 %d ms (PostgreSQL, every member socket on both nodes receiving)%n",
                label, SENDERS, acked, seconds, acked / seconds, percentile(ackMillis, 50), percentile(ackMillis, 99));
        senders.forEach(Member::close);
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
