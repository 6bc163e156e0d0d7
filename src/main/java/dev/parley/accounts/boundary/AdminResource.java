package dev.parley.accounts.boundary;

import dev.parley.accounts.control.AccountService;
import dev.parley.accounts.entity.Role;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import dev.parley.platform.web.RequiresRole;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.Set;

/** Administration: granting roles, disconnecting a user's sockets. */
@Path("admin")
@RequestScoped
@RequiresRole("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AccountService accounts;

    @Inject
    JsonCodec codec;


    /** Replaces the user's roles with the given ones; {@code user} always stays. */
    @PUT
    @Path("users/{username}/roles")
    public AccountView setRoles(@PathParam("username") String username, String body) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : JsonFields.requireStringArray(codec.readObject(body), "roles")) {
            roles.add(Role.fromWire(name));
        }
        return AccountView.of(accounts.setRoles(username, roles));
    }

    /**
     * Closes every socket of the user on every node (1001): their clients reconnect and resume. For
     * operators (a stuck client) and for testing reconnection; it does not sign the user out.
     */
    @POST
    @Path("users/{username}/disconnect")
    public Response disconnect(@PathParam("username") String username) {
        accounts.disconnect(username);
        return Response.noContent().build();
    }
}
