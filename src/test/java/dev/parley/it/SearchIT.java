package dev.parley.it;

import static dev.parley.testing.Api.json;
import static dev.parley.testing.ChatUser.join;
import static dev.parley.testing.ChatUser.sendAndAck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.SocketClient;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Full-text search (issue 18): only what the user may read, ranked, highlighted, filtered; never deleted text. */
class SearchIT extends AgainstDeployment {

    private Api.Reply search(ChatUser user, String query) {
        return api.get("api/search?" + query, "Authorization", user.auth());
    }

    private static String q(String words) {
        return "q=" + URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    private static List<String> texts(Api.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        return reply.json().getJsonArray("hits").getValuesAs(JsonObject.class).stream()
                .map(hit -> hit.getJsonObject("message").getString("text")).toList();
    }

    /** Waits until the search finds {@code count} messages: on H2 a message is indexed a moment after its ack. */
    private List<String> awaitHits(ChatUser user, String query, int count) {
        assertTrue(Poll.until(Duration.ofSeconds(20), () -> texts(search(user, query)).size() == count),
                "expected " + count + " hits for " + query + ", got " + texts(search(user, query)));
        return texts(search(user, query));
    }

    @Test
    void aUserFindsOnlyWhatTheyMayReadBestFirstWithHighlights() {
        String word = "zeppelin" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        try (ChatUser alice = new ChatUser(api, "seeker"); ChatUser bob = new ChatUser(api, "writer2");
             ChatUser eve = new ChatUser(api, "outsider2")) {
            SocketClient aliceSocket = alice.connectLive();
            String shared = join(aliceSocket, ChatIT.room("search"));
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, shared.substring("room:".length()));
            SocketClient eveSocket = eve.connectLive();
            String secret = join(eveSocket, ChatIT.room("secret"));

            sendAndAck(bobSocket, shared, "the " + word + " report is late", "s-1");
            sendAndAck(aliceSocket, shared, word + " report, " + word + " report: the final " + word + " report", "s-2");
            sendAndAck(bobSocket, shared, "nothing to see here", "s-3");
            sendAndAck(eveSocket, secret, "eve's own " + word + " report", "s-4");

            List<String> found = awaitHits(alice, q(word.toUpperCase() + " report"), 2);
            assertTrue(found.get(0).startsWith(word + " report, "), "more matches rank first: " + found);
            assertEquals(List.of("eve's own " + word + " report"), awaitHits(eve, q(word), 1), "each sees their own conversations only");

            JsonObject hit = search(alice, q(word)).json().getJsonArray("hits").getValuesAs(JsonObject.class).stream()
                    .filter(h -> h.getJsonObject("message").getString("text").startsWith("the ")).findFirst().orElseThrow();
            JsonObject range = hit.getJsonArray("highlights").getJsonObject(0);
            String text = hit.getJsonObject("message").getString("text");
            assertEquals(word, text.substring(range.getInt("start"), range.getInt("end")));
            assertEquals(shared, hit.getJsonObject("message").getString("conversation"), "a hit links to its conversation and seq");

            assertEquals(1, texts(search(alice, q(word) + "&sender=" + bob.name)).size());
            assertEquals(0, texts(search(alice, q(word) + "&conversation=" + secret)).size(), "a conversation one is not in finds nothing");
            String today = LocalDate.now(ZoneOffset.UTC).toString();
            assertEquals(2, texts(search(alice, q(word) + "&from=" + today + "&to=" + today)).size());
            assertEquals(0, texts(search(alice, q(word) + "&to=2000-01-01")).size());
            assertEquals(1, texts(search(alice, q(word) + "&limit=1")).size());
            assertTrue(search(alice, q(word) + "&limit=1").json().getBoolean("hasMore"));

            assertEquals(400, search(alice, q("'&|!:*")).status(), "query syntax is not words");
            assertEquals(400, search(alice, q(word) + "&from=yesterday").status());
            assertEquals(400, search(alice, q(word) + "&limit=0").status());
            assertEquals(400, search(alice, "conversation=" + shared).status());
            assertEquals(0, texts(search(alice, q(word + "') or 1=1 --"))).size(), "no word 'or', '1' in those messages: nothing found");
        }
    }

    @Test
    void deletedTextCannotBeFoundAndEditedTextCan() {
        String secret = "password" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String typo = "typo" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        String fixed = "renamed" + UUID.randomUUID().toString().substring(0, 6).replace("-", "");
        try (ChatUser alice = new ChatUser(api, "careless")) {
            SocketClient socket = alice.connectLive();
            String room = join(socket, ChatIT.room("redact"));
            sendAndAck(socket, room, "my " + secret + " is here", "d-1");
            sendAndAck(socket, room, "a " + typo + " here", "d-2");
            awaitHits(alice, q(secret), 1);
            socket.send(json("type", "delete", "ref", "d", "conversation", room, "seq", 1));
            socket.nextOfType("changed");
            assertEquals(List.of(), texts(search(alice, q(secret))), "gone at once");
            awaitHits(alice, q(typo), 1);
            socket.send(json("type", "edit", "ref", "e", "conversation", room, "seq", 2, "text", "a fix in " + fixed));
            socket.nextOfType("changed");
            assertEquals(List.of("a fix in " + fixed), awaitHits(alice, q(fixed), 1));
        }
    }
}
