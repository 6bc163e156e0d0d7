package dev.parley.presence.boundary;

import dev.parley.platform.error.ParleyException;
import dev.parley.presence.control.PresenceService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/**
 * Who is online now: {@code GET /api/presence?users=a,b} → {@code {"online":["a"]}}. Clients take the
 * starting state here and follow {@code presence} frames from then on.
 */
@Path("presence")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    @Inject
    PresenceService presence;

    public record Online(List<String> online) {
    }

    @GET
    public Online online(@QueryParam("users") String users) {
        if (users == null || users.isBlank()) {
            return new Online(List.of());
        }
        List<String> names = Arrays.stream(users.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (names.size() > PresenceService.MAX_USERS) {
            throw ParleyException.badRequest("at most " + PresenceService.MAX_USERS + " users at a time");
        }
        return new Online(presence.online(names));
    }
}
