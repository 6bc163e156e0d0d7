package dev.parley.notifications.boundary;

import dev.parley.notifications.control.TopicService;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.web.RequiresRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Publishing live-data updates (role {@code publisher}). */
@Path("topics")
@RequestScoped
public class TopicsResource {

    @Inject
    TopicService topics;

    @Inject
    JsonCodec codec;

    /** {@code {"data":…}} → 202; every subscriber gets an {@code update}. */
    @POST
    @Path("{topic}")
    @RequiresRole("publisher")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("topic") String topic, String body) {
        JsonObject json = codec.readObject(body);
        if (!json.containsKey("data")) {
            throw ParleyException.badRequest("'data' is required");
        }
        topics.publish(topic, json.get("data"));
        return Response.accepted().build();
    }
}
