package dev.parley.notifications.boundary;

import dev.parley.notifications.control.PreferenceService;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** The caller's notification preferences, as the contract's JSON document. */
@Path("me/preferences")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    @Inject
    PreferenceService preferences;

    @Inject
    JsonCodec codec;

    @Context
    SecurityContext security;

    @GET
    public JsonObject get() {
        return preferences.write(preferences.of(security.getUserPrincipal().getName()));
    }

    /** Replaces the whole document; a malformed one is refused whole (400) and nothing changes. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject put(String body) {
        return preferences.write(preferences.replace(security.getUserPrincipal().getName(), codec.readObject(body)));
    }
}
