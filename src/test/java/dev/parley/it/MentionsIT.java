package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.Api.json;
import static dev.parley.testing.ChatUser.sendAndAck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.SocketClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mentions of a whole room (issue 18): who may, whom they reach, and the names they reserve. */
class MentionsIT extends AgainstDeployment {

    private List<JsonObject> notifications(ChatUser user) {
        return api.get("api/notifications", "Authorization", user.auth()).json().getJsonArray("notifications").getValuesAs(JsonObject.class);
    }

    private void awaitNotifications(ChatUser user, int count) {
        assertTrue(Poll.until(Duration.ofSeconds(20), () -> notifications(user).size() >= count),
                user.name + " expected " + count + " notification(s), has " + notifications(user));
    }

    @Test
    void theRoomDecidesWhoMayMentionEveryoneAndHereReachesThoseOnline() {
        try (ChatUser owner = new ChatUser(api, "lead"); ChatUser bob = new ChatUser(api, "member");
             ChatUser carol = new ChatUser(api, "offline")) {
            String slug = ChatIT.room("everyone");
            String room = "room:" + slug;
            assertEquals(201, api.post("api/rooms", json("slug", slug), "Authorization", owner.auth()).status());
            for (ChatUser member : List.of(bob, carol)) {
                assertEquals(200, api.post("api/rooms/" + slug + "/members", json("username", member.name), "Authorization", owner.auth()).status());
            }
            JsonObject settings = api.get("api/rooms/" + slug, "Authorization", bob.auth()).json();
            assertEquals("admins", settings.getString("mentionEveryone"), "by default only the room's creator and admins may");

            SocketClient bobSocket = bob.connectLive();
            sendAndAck(bobSocket, room, "@room free pizza", "m-1");
            SocketClient ownerSocket = owner.connectLive();
            sendAndAck(ownerSocket, room, "@channel deploy at five", "m-2");
            awaitNotifications(carol, 1);
            awaitNotifications(bob, 1);
            assertEquals(owner.name + " mentioned you in " + room, notifications(carol).get(0).getString("title"));
            assertEquals("@channel deploy at five", notifications(carol).get(0).getString("body"));
            assertEquals(0, notifications(owner).size(), "bob's @room notified nobody");

            assertEquals(403, api.send("PATCH", "api/rooms/" + slug, json("mentionEveryone", "members"), "Authorization", bob.auth()).status());
            assertEquals(400, api.send("PATCH", "api/rooms/" + slug, json("mentionEveryone", "anyone"), "Authorization", owner.auth()).status());
            Api.Reply changed = api.send("PATCH", "api/rooms/" + slug, json("mentionEveryone", "members"), "Authorization", owner.auth());
            assertEquals(200, changed.status(), changed.body());
            assertEquals("members", changed.json().getString("mentionEveryone"));

            sendAndAck(bobSocket, room, "anyone @here for lunch?", "m-3");
            awaitNotifications(owner, 1);
            assertEquals(bob.name + " mentioned you in " + room, notifications(owner).get(0).getString("title"));
            assertEquals(1, notifications(carol).size(), "@here reaches the members online only; carol has no socket");

            String admin = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            assertEquals(200, api.send("PATCH", "api/rooms/" + slug, json("mentionEveryone", "admins"), "Authorization", admin).status(),
                    "an admin may change any room's settings");
        }
    }

    @Test
    void namesThatMentionEveryoneAreReserved() {
        for (String reserved : List.of("here", "channel", "room", "everyone", "all")) {
            Api.Reply refused = api.register(reserved, "a-long-enough-password");
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains("reserved"), refused.body());
        }
    }
}
