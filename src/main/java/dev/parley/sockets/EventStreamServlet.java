package dev.parley.sockets;

import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.web.Problems;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The fallback transport, for clients whose WebSocket upgrade fails: the same frames as a socket of
 * the endpoint, carried by a server-sent-events stream ({@code GET}) from the server and by one
 * {@code POST} per frame to it. The authentication filter treats these paths as it treats the socket
 * handshake (cookie, Bearer or {@code access_token}; a foreign Origin refused, on every method), and
 * the frames go through the same {@link SocketPipeline}: frame size, rate limit, JSON, heartbeat and
 * resume behave as on the socket. A concrete servlet names its paths and its protocol.
 *
 * <pre>
 * GET  /stream/chat               text/event-stream: event "stream" {"id"}, then frames, pings, a close
 * POST /stream/chat/{id}          one frame as the body → 202 (answers come on the stream)
 * POST /stream/chat/{id}/pong     the mark of an "event: ping" as the body → 204
 * </pre>
 */
public abstract class EventStreamServlet extends HttpServlet {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PONG = "/pong";

    @Inject
    SocketPipeline pipeline;

    @Inject
    SessionRegistry registry;

    @Inject
    JsonCodec codec;

    /** This endpoint's protocol bean. */
    protected abstract SocketProtocol protocol();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getUserPrincipal() instanceof ParleyPrincipal user)) {
            problem(response, ErrorCode.UNAUTHORIZED, "a valid session cookie, Bearer token or access_token is required");
            return;
        }
        if (request.getPathInfo() != null && !request.getPathInfo().equals("/")) {
            problem(response, ErrorCode.NOT_FOUND, "open a stream with GET on the endpoint itself; frames are POSTed to it");
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // nginx: pass events on as they come
        String id = "stream-" + newId();
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // Parley's heartbeat decides when a stream is dead, not the container
        EventStreamTransport transport = new EventStreamTransport(async, response.getOutputStream(), id);
        async.addListener(new Ended(id));
        response.getOutputStream().setWriteListener(transport);
        pipeline.openStream(id, user, protocol(), transport);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getUserPrincipal() instanceof ParleyPrincipal user)) {
            problem(response, ErrorCode.UNAUTHORIZED, "a valid session cookie, Bearer token or access_token is required");
            return;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        boolean pong = path.endsWith(PONG);
        String id = path.length() > 1 ? path.substring(1, pong ? path.length() - PONG.length() : path.length()) : "";
        Optional<Connection> stream = registry.find(id)
                .filter(connection -> id.startsWith("stream-") && connection.channel() == protocol().channel()
                        && connection.username().equals(user.username()));
        if (stream.isEmpty()) {
            problem(response, ErrorCode.NOT_FOUND, "no open stream of yours with this id; open one with GET");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(SocketPipeline.MAX_FRAME_BYTES + 1);
        if (pong) {
            pipeline.onPong(id, mark(body));
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        if (body.length > SocketPipeline.MAX_FRAME_BYTES) {
            stream.get().close(Connection.CLOSE_TOO_BIG, "frame over " + SocketPipeline.MAX_FRAME_BYTES + " bytes");
            problem(response, ErrorCode.TOO_LARGE, "a frame may be at most " + SocketPipeline.MAX_FRAME_BYTES + " bytes; the stream is closed");
            return;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            problem(response, ErrorCode.BAD_REQUEST, "a frame must be UTF-8 text");
            return;
        }
        pipeline.onText(id, text, protocol());
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }

    private static OptionalLong mark(byte[] body) {
        try {
            return OptionalLong.of(Long.parseLong(new String(body, StandardCharsets.US_ASCII).trim()));
        } catch (NumberFormatException notAMark) {
            return OptionalLong.empty();
        }
    }

    private static String newId() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private void problem(HttpServletResponse response, ErrorCode code, String detail) throws IOException {
        Problems.write(response, codec, code, detail);
    }

    /** The response ended: the client went away, or the server closed the stream. */
    private final class Ended implements AsyncListener {

        private final String id;

        Ended(String id) {
            this.id = id;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            pipeline.onClose(id);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            pipeline.onClose(id);
        }

        @Override
        public void onError(AsyncEvent event) {
            pipeline.onClose(id);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not re-dispatched
        }
    }
}
