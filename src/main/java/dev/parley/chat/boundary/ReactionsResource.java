package dev.parley.chat.boundary;

import dev.parley.chat.entity.Emoji;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The emoji a reaction may be, in the order a picker shows them. */
@Path("reactions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReactionsResource {

    public record Allowed(List<String> emoji) {
    }

    @GET
    public Allowed allowed() {
        return new Allowed(Emoji.ALLOWED);
    }
}
