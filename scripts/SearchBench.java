import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Search latency over many messages (issue 18). Not a test: it prints figures.
 * <pre>
 * populate JDBC_URL DB_USER DB_PASSWORD USER MESSAGES   rooms of USER (who must exist) filled with MESSAGES messages
 * query    BASE_URL USER PASSWORD SEARCHES              SEARCHES searches over REST, latency p50/p99 per kind of query
 * </pre>
 * Run with the JDBC driver on the class path: {@code java -cp h2.jar:postgresql.jar scripts/SearchBench.java ...}.
 * On H2 populate while Parley is stopped (the file is Parley's alone while it runs).
 */
public class SearchBench {

    static final int ROOMS = 100;
    static final int VOCABULARY = 5000;

    public static void main(String[] args) throws Exception {
        if (args[0].equals("populate")) {
            populate(args[1], args[2], args[3], args[4], Integer.parseInt(args[5]));
        } else {
            query(args[1], args[2], args[3], Integer.parseInt(args[4]));
        }
    }

    /** A word of the vocabulary: word 0 is the most common, as in natural text (Zipf). */
    static String word(int rank) {
        return "w" + Integer.toString(rank, 36) + "x";
    }

    static int zipf(Random random) {
        return (int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY, random.nextDouble())) - 1);
    }

    static void populate(String url, String dbUser, String dbPassword, String user, int messages) throws Exception {
        boolean h2 = url.startsWith("jdbc:h2:");
        try (Connection db = DriverManager.getConnection(url, dbUser, dbPassword)) {
            db.setAutoCommit(false);
            Instant start = Instant.now().minusSeconds(messages);
            try (PreparedStatement room = db.prepareStatement("insert into conversation (id, kind, visibility, title, created_by, created_at, last_seq) "
                    + "values (?, 'ROOM', 'PUBLIC', ?, ?, ?, ?)");
                 PreparedStatement member = db.prepareStatement("insert into membership (conversation_id, username, joined_at, read_seq) values (?, ?, ?, 0)")) {
                for (int r = 0; r < ROOMS; r++) {
                    String id = "room:search-bench-" + r;
                    room.setString(1, id);
                    room.setString(2, "search-bench-" + r);
                    room.setString(3, user);
                    room.setTimestamp(4, Timestamp.from(start));
                    room.setLong(5, messages / ROOMS);
                    room.addBatch();
                    if (r % 2 == 0) { // the user is in half of the rooms: the other half must never be found
                        member.setString(1, id);
                        member.setString(2, user);
                        member.setTimestamp(3, Timestamp.from(start));
                        member.addBatch();
                    }
                }
                room.executeBatch();
                member.executeBatch();
            }
            Random random = new Random(18);
            long t0 = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement("insert into message (id, conversation_id, seq, sender, body, client_msg_id, sent_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement index = h2 ? db.prepareStatement("insert into message_search (message_id, body) values (?, ?)") : null) {
                for (int i = 0; i < messages; i++) {
                    String id = UUID.randomUUID().toString();
                    StringBuilder body = new StringBuilder();
                    int words = 6 + random.nextInt(14);
                    for (int w = 0; w < words; w++) {
                        body.append(w == 0 ? "" : " ").append(word(zipf(random)));
                    }
                    insert.setString(1, id);
                    insert.setString(2, "room:search-bench-" + (i % ROOMS));
                    insert.setLong(3, i / ROOMS + 1);
                    insert.setString(4, user);
                    insert.setString(5, body.toString());
                    insert.setString(6, "bench-" + i);
                    insert.setTimestamp(7, Timestamp.from(start.plusSeconds(i)));
                    insert.addBatch();
                    if (index != null) {
                        index.setString(1, id);
                        index.setString(2, body.toString());
                        index.addBatch();
                    }
                    if (i % 1000 == 999) {
                        insert.executeBatch();
                        if (index != null) {
                            index.executeBatch();
                        }
                        db.commit();
                    }
                }
                insert.executeBatch();
                if (index != null) {
                    index.executeBatch();
                }
                db.commit();
            }
            System.out.printf("%d messages in %d rooms stored in %.1f s%n", messages, ROOMS, (System.nanoTime() - t0) / 1e9);
        }
    }

    static void query(String base, String user, String password, int searches) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = login.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        Random random = new Random(7);
        String[][] kinds = {{"common word", "0"}, {"rare word", "1"}, {"two words", "2"}, {"a prefix", "3"}};
        for (String[] kind : kinds) {
            List<Long> micros = new ArrayList<>();
            int hits = 0;
            for (int i = 0; i < searches + 20; i++) {
                String q = switch (kind[1]) {
                    case "0" -> word(random.nextInt(20));
                    case "1" -> word(1000 + random.nextInt(4000));
                    case "2" -> word(random.nextInt(200)) + " " + word(random.nextInt(200));
                    default -> word(random.nextInt(50)).substring(0, 2);
                };
                long t0 = System.nanoTime();
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search?limit=20&q="
                        + URLEncoder.encode(q, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                long elapsed = (System.nanoTime() - t0) / 1000;
                if (reply.statusCode() != 200) {
                    throw new IllegalStateException(reply.statusCode() + " " + reply.body());
                }
                if (i >= 20) { // the first 20 warm up
                    micros.add(elapsed);
                    hits += reply.body().split("\"highlights\"", -1).length - 1;
                }
            }
            long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("%-12s p50 %6.1f ms  p99 %6.1f ms  (%d searches, %.1f hits each)%n", kind[0],
                    sorted[sorted.length / 2] / 1000.0, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0, sorted.length,
                    hits / (double) sorted.length);
        }
    }
}
