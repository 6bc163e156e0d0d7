package dev.parley.chat.boundary;

import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.control.ConversationService.RoomInfo;
import dev.parley.chat.control.ConversationService.RoomListing;
import dev.parley.chat.entity.Conversation;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;

/** Rooms over REST: the directory, creating public or private rooms with members, adding and removing members. */
@Path("rooms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RoomsResource {

    @Inject
    ConversationService conversations;

    @Inject
    JsonCodec codec;

    @Context
    SecurityContext security;

    public record RoomView(String id, String slug, String title, String visibility, String createdBy, List<String> members,
                           String mentionEveryone) {
        static RoomView of(RoomInfo info) {
            return new RoomView(info.room().id().value(), info.room().id().slug(), info.room().title(),
                    info.room().visibility().name().toLowerCase(Locale.ROOT), info.room().createdBy(), info.members(),
                    info.room().mentionEveryone().wireName());
        }
    }

    public record Directory(List<RoomListing> rooms) {
    }

    @GET
    public Directory directory() {
        return new Directory(conversations.directory(caller().username()));
    }

    /** {@code {"slug","title"?,"visibility":"public"|"private","members":[usernames]?}}; the creator is always a member. */
    @POST
    public Response create(String body) {
        JsonObject json = codec.readObject(body);
        String visibility = JsonFields.optionalString(json, "visibility").orElse("public");
        if (!visibility.equals("public") && !visibility.equals("private")) {
            throw ParleyException.badRequest("'visibility' is public or private");
        }
        List<String> members = json.containsKey("members") && json.get("members").getValueType() != JsonValue.ValueType.NULL
                ? JsonFields.requireStringArray(json, "members")
                : List.of();
        RoomInfo room = conversations.createRoom(caller().username(), JsonFields.requireString(json, "slug"),
                JsonFields.optionalString(json, "title").orElse(null), visibility.equals("private"), members);
        return Response.status(Response.Status.CREATED).entity(RoomView.of(room)).build();
    }

    @GET
    @Path("{slug}")
    public RoomView room(@PathParam("slug") String slug) {
        return RoomView.of(conversations.room(caller().username(), slug));
    }

    /**
     * {@code {"mentionEveryone":"admins"|"members"}}: who may notify the whole room with {@code @here},
     * {@code @channel}, {@code @room} or {@code @everyone}. The room's creator or an admin only.
     */
    @PATCH
    @Path("{slug}")
    public RoomView configure(@PathParam("slug") String slug, String body) {
        ParleyPrincipal caller = caller();
        Conversation.MentionEveryone policy = Conversation.MentionEveryone.fromWire(
                JsonFields.requireString(codec.readObject(body), "mentionEveryone"));
        return RoomView.of(conversations.configureRoom(caller.username(), caller.roles(), slug, policy));
    }

    /** {@code {"username"}}: a member adds someone. */
    @POST
    @Path("{slug}/members")
    public RoomView addMember(@PathParam("slug") String slug, String body) {
        String username = JsonFields.requireString(codec.readObject(body), "username");
        return RoomView.of(conversations.addToRoom(caller().username(), slug, username));
    }

    @DELETE
    @Path("{slug}/members/{username}")
    public Response removeMember(@PathParam("slug") String slug, @PathParam("username") String username) {
        ParleyPrincipal caller = caller();
        conversations.removeFromRoom(caller.username(), caller.roles(), slug, username);
        return Response.noContent().build();
    }

    private ParleyPrincipal caller() {
        return (ParleyPrincipal) security.getUserPrincipal();
    }
}
