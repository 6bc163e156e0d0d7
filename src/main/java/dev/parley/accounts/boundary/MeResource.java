package dev.parley.accounts.boundary;

import dev.parley.accounts.control.AccountService;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** Who the caller is. */
@Path("me")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    AccountService accounts;

    @Context
    SecurityContext security;

    @GET
    public AccountView me() {
        String username = security.getUserPrincipal().getName();
        return accounts.find(username).map(AccountView::of)
                .orElseThrow(() -> ParleyException.notFound("no user '" + username + "'"));
    }
}
