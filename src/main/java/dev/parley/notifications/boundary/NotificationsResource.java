package dev.parley.notifications.boundary;

import dev.parley.notifications.control.NotificationFrames;
import dev.parley.notifications.control.NotificationInbox;
import dev.parley.notifications.control.NotificationPublisher;
import dev.parley.notifications.control.Publication;
import dev.parley.notifications.entity.Priority;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import dev.parley.platform.web.QueryParams;
import dev.parley.platform.web.RequiresRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Publishing notifications (role {@code publisher}) and the caller's inbox. */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {

    @Inject
    NotificationPublisher publisher;

    @Inject
    NotificationInbox inbox;

    @Inject
    JsonCodec codec;

    @Context
    SecurityContext security;

    public record Published(List<Long> ids) {
    }

    /**
     * {@code {"to":{"users":[…]}|{"all":true},"category","priority","title","body","url","data"}} → 202 with
     * one id per recipient. {@code category} defaults to {@code general}, {@code priority} to {@code normal}.
     */
    @POST
    @RequiresRole("publisher")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(String body) {
        return Response.accepted(new Published(publisher.publish(Publication.parse(codec.readObject(body))))).build();
    }

    /** The inbox, newest first: {@code {"notifications","unread","hasMore"}}. */
    @GET
    public NotificationFrames.Inbox inbox(@QueryParam("unread") String unreadOnly, @QueryParam("before") String before,
                                          @QueryParam("limit") String limit) {
        Integer size = QueryParams.smallNumber("limit", limit);
        return inbox.page(caller(), "true".equals(unreadOnly), QueryParams.number("before", before), size == null ? 50 : size);
    }

    @POST
    @Path("{id}/read")
    public Response read(@PathParam("id") long id) {
        inbox.markRead(caller(), id, null);
        return Response.noContent().build();
    }

    @POST
    @Path("read-all")
    public Response readAll() {
        inbox.markRead(caller(), null, null);
        return Response.noContent().build();
    }

    /** Archives one notification: it leaves the inbox. */
    @DELETE
    @Path("{id}")
    public Response archive(@PathParam("id") long id) {
        inbox.archive(caller(), id);
        return Response.noContent().build();
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }
}
