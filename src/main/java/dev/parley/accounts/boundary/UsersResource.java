package dev.parley.accounts.boundary;

import dev.parley.accounts.control.AccountService;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

/** Finding people to talk to ({@code GET /api/users?q=PREFIX}), and their display names ({@code ?names=a,b}). */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    static final int LIMIT = 20;
    static final int MAX_NAMES = 200;

    @Inject
    AccountService accounts;

    public record UserView(String username, String displayName) {
    }

    public record Found(List<UserView> users) {
    }

    /**
     * Accounts (not bots) whose username or display name starts with {@code q} (1 to 64 characters), at
     * most 20; or, with {@code names} (comma-separated, at most 200), those accounts (bots too), for
     * showing senders by display name.
     */
    @GET
    public Found search(@QueryParam("q") String query, @QueryParam("names") String names) {
        if (names != null) {
            if (query != null) {
                throw ParleyException.badRequest("'q' and 'names' exclude each other");
            }
            List<String> wanted = Arrays.stream(names.split(",", -1)).map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
            if (wanted.isEmpty() || wanted.size() > MAX_NAMES) {
                throw ParleyException.badRequest("'names' must list 1 to " + MAX_NAMES + " usernames");
            }
            return new Found(accounts.named(wanted).stream().map(a -> new UserView(a.username(), a.displayName())).toList());
        }
        if (query == null || query.isBlank() || query.length() > 64) {
            throw ParleyException.badRequest("'q' must be 1 to 64 characters");
        }
        return new Found(accounts.search(query.trim(), LIMIT).stream()
                .map(a -> new UserView(a.username(), a.displayName())).toList());
    }
}
