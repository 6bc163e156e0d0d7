package dev.parley.chat.boundary;

import dev.parley.chat.control.ChatFrames.ConversationState;
import dev.parley.chat.control.ChatFrames.HistoryPage;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.control.MessageService;
import dev.parley.chat.control.MessageSender;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import dev.parley.platform.web.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** The caller's conversations, pages of their history, and sending over REST. */
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

    /** Like the {@code history} frame: the newest {@code limit} (1..100, default 50) before {@code before}, ascending. */
    @GET
    @Path("{id}/messages")
    public HistoryPage messages(@PathParam("id") String id, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        return messages.history(security.getUserPrincipal().getName(), ConversationId.parse(id),
                QueryParams.number("before", before), QueryParams.smallNumber("limit", limit));
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
                JsonFields.requireString(json, "clientMsgId"), attachments);
        MessageSender.Stored stored = sender.sendAndWait(security.getUserPrincipal().getName(), command);
        return Response.status(stored.duplicate() ? Response.Status.OK : Response.Status.CREATED).entity(stored.message()).build();
    }
}
