package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** A registered test user with a token, opening {@code /chat} sockets and speaking the chat frames. */
public final class ChatUser implements AutoCloseable {

    private final Api api;
    private final URI http;
    private final List<SocketClient> sockets = new ArrayList<>();
    public final String name;
    public final String token;

    public ChatUser(Api api, String prefix) {
        this.api = api;
        this.http = api.base();
        this.name = Api.uniqueUser(prefix);
        Api.Reply registered = api.register(name, "password-" + name);
        assertEquals(201, registered.status(), registered.body());
        this.token = api.token(name, "password-" + name);
    }

    /** Opens a chat socket and takes its {@code welcome}. */
    public SocketClient connect() {
        return connectTo(http);
    }

    /** Opens a chat socket on another node (the same credential works on every node). */
    public SocketClient connectTo(URI node) {
        SocketClient socket = SocketClient.open(api.tls(), SocketClient.socketUri(node, "chat"), "Authorization", Api.bearer(token));
        socket.next("welcome");
        sockets.add(socket);
        return socket;
    }

    /** Opens a chat socket and resumes at once with no cursors, so live messages flow without the grace delay. */
    public SocketClient connectLive() {
        return connectLiveTo(http);
    }

    /** {@link #connectLive()} on another node. */
    public SocketClient connectLiveTo(URI node) {
        SocketClient socket = connectTo(node);
        socket.send("{\"type\":\"resume\",\"ref\":\"start\",\"cursors\":{}}");
        assertEquals(0, socket.nextOfType("resumed").getInt("count"));
        return socket;
    }

    public String auth() {
        return Api.bearer(token);
    }

    public static String join(SocketClient socket, String slug) {
        socket.send(Api.json("type", "join", "ref", "j-" + slug, "room", slug));
        JsonObject joined = socket.nextOfType("joined");
        return joined.getString("conversation");
    }

    public static void send(SocketClient socket, String conversation, String text, String clientMsgId) {
        socket.send(Api.json("type", "send", "ref", clientMsgId, "conversation", conversation, "text", text, "clientMsgId", clientMsgId));
    }

    /**
     * Sends and returns the stored message from the {@code ack}; an {@code error} for this send fails
     * at once, naming its code (other frames that interleave are skipped).
     */
    public static JsonObject sendAndAck(SocketClient socket, String conversation, String text, String clientMsgId) {
        send(socket, conversation, text, clientMsgId);
        long deadline = System.nanoTime() + SocketClient.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = socket.next();
            String type = frame.getString("type");
            if ("error".equals(type) && clientMsgId.equals(frame.getString("ref", null))) {
                return fail("send " + clientMsgId + " was refused: " + frame);
            }
            if ("ack".equals(type)) {
                assertEquals(clientMsgId, frame.getString("ref"));
                return frame.getJsonObject("message");
            }
        }
        return fail("no ack for " + clientMsgId + " within " + SocketClient.TIMEOUT);
    }

    @Override
    public void close() {
        sockets.forEach(SocketClient::close);
    }
}
