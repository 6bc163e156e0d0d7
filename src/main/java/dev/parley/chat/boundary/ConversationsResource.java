package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatFrames;
import dev.parley.chat.control.ChatFrames.ConversationState;
import dev.parley.chat.control.ChatFrames.HistoryPage;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.MessageChanges;
import dev.parley.chat.control.MessageService;
import dev.parley.chat.control.MessageSender;
import dev.parley.chat.control.ReadMarks;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import dev.parley.platform.web.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/** The caller's conversations, pages of their history, and sending, editing, deleting and reacting over REST. */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConversationsResource {

    @Inject
    ConversationService conversations;

    @Inject
    MessageService messages;

    @Inject
    MessageSender sender;

    @Inject
    MessageChanges changes;

    @Inject
    ReadMarks reads;

    @Inject
    JsonCodec codec;

    @Context
    SecurityContext security;

    public record ConversationList(List<ConversationState> conversations) {
    }

    @GET
    public ConversationList list() {
        return new ConversationList(conversations.statesOf(security.getUserPrincipal().getName()));
    }

    public record Reads(Map<String, Long> reads) {
    }

    /**
     * Every member's read position, {@code {"reads":{"alice":12,…}}}: where "seen by" starts when a
     * conversation is opened ({@code receipt} frames keep it current). Members only.
     */
    @GET
    @Path("{id}/reads")
    public Reads reads(@PathParam("id") String id) {
        ConversationId conversation = ConversationId.parse(id);
        if (conversations.requireAccess(security.getUserPrincipal().getName(), conversation).isEmpty()) {
            return new Reads(Map.of());
        }
        return new Reads(conversations.readPositions(conversation, conversations.members(conversation)));
    }

    /**
     * Like the {@code history} frame: the newest {@code limit} (1..100, default 50) before {@code before},
     * ascending; {@code thread} pages one thread's replies, {@code topLevel=true} leaves replies out.
     */
    @GET
    @Path("{id}/messages")
    public HistoryPage messages(@PathParam("id") String id, @QueryParam("before") String before, @QueryParam("limit") String limit,
                                @QueryParam("thread") String thread, @QueryParam("topLevel") String topLevel) {
        return messages.history(security.getUserPrincipal().getName(), ConversationId.parse(id),
                QueryParams.number("before", before), QueryParams.smallNumber("limit", limit), QueryParams.number("thread", thread),
                QueryParams.flag("topLevel", topLevel));
    }

    /**
     * Sends a message over REST (for bots and integrations), with the same rules and delivery as the
     * {@code send} frame: 201 with the stored message, or 200 with the original for a repeated
     * {@code clientMsgId}. {@code id} may be {@code @username} for a direct conversation.
     */
    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("id") String id, String body) {
        JsonObject json = codec.readObject(body);
        List<String> attachments = json.containsKey("attachments") && json.get("attachments").getValueType() != JsonValue.ValueType.NULL
                ? JsonFields.requireStringArray(json, "attachments")
                : List.of();
        MessageSender.SendCommand command = new MessageSender.SendCommand(id, JsonFields.requireString(json, "text"),
                JsonFields.requireString(json, "clientMsgId"), attachments, JsonFields.optionalLong(json, "thread").orElse(null));
        MessageSender.Stored stored = sender.sendAndWait(security.getUserPrincipal().getName(), command);
        return Response.status(stored.duplicate() ? Response.Status.OK : Response.Status.CREATED).entity(stored.message()).build();
    }

    /** "Mark as unread" from the message at {@code {"seq"}}, like the {@code unread} frame: 200 {@code {"conversation","readSeq","unread"}}. */
    @POST
    @Path("{id}/unread")
    @Consumes(MediaType.APPLICATION_JSON)
    public ChatFrames.Marked markUnread(@PathParam("id") String id, String body) {
        long seq = JsonFields.optionalLong(codec.readObject(body), "seq").orElseThrow(() -> ParleyException.badRequest("'seq' is required"));
        reads.awaitStored(user());
        ChatFrames.Marked marked = conversations.markUnread(user(), ConversationId.parse(id), seq, null);
        return new ChatFrames.Marked(null, marked.conversation(), marked.readSeq(), marked.unread());
    }

    /** One message as it is now (edited, deleted, its reactions); 404 if {@code seq} is not a message of the conversation. */
    @GET
    @Path("{id}/messages/{seq}")
    public MessageView message(@PathParam("id") String id, @PathParam("seq") String seq) {
        return messages.message(user(), ConversationId.parse(id), requireSeq(seq));
    }

    /** Like the {@code edit} frame, {@code {"text":…}}: 200 with the message as it is after the edit (or was already). */
    @PATCH
    @Path("{id}/messages/{seq}")
    @Consumes(MediaType.APPLICATION_JSON)
    public MessageView edit(@PathParam("id") String id, @PathParam("seq") String seq, String body) {
        ConversationId conversation = ConversationId.parse(id);
        long at = requireSeq(seq);
        changes.edit(user(), conversation, at, JsonFields.requireString(codec.readObject(body), "text"));
        return messages.message(user(), conversation, at);
    }

    /** Like the {@code delete} frame: 204, also when it was deleted already. */
    @DELETE
    @Path("{id}/messages/{seq}")
    public Response delete(@PathParam("id") String id, @PathParam("seq") String seq) {
        changes.delete(user(), ConversationId.parse(id), requireSeq(seq));
        return Response.noContent().build();
    }

    /** Like the {@code react} frame: 204, also when the caller had reacted so already. */
    @PUT
    @Path("{id}/messages/{seq}/reactions/{emoji}")
    public Response react(@PathParam("id") String id, @PathParam("seq") String seq, @PathParam("emoji") String emoji) {
        changes.react(user(), ConversationId.parse(id), requireSeq(seq), emoji, true);
        return Response.noContent().build();
    }

    /** Like the {@code unreact} frame: 204, also when the caller had not reacted so. */
    @DELETE
    @Path("{id}/messages/{seq}/reactions/{emoji}")
    public Response unreact(@PathParam("id") String id, @PathParam("seq") String seq, @PathParam("emoji") String emoji) {
        changes.react(user(), ConversationId.parse(id), requireSeq(seq), emoji, false);
        return Response.noContent().build();
    }

    private String user() {
        return security.getUserPrincipal().getName();
    }

    private static long requireSeq(String seq) {
        Long value = QueryParams.number("seq", seq);
        if (value == null || value < 1) {
            throw ParleyException.badRequest("'seq' must be a whole number of at least 1");
        }
        return value;
    }
}
