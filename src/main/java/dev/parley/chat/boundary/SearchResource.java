package dev.parley.chat.boundary;

import dev.parley.chat.control.MessageSearch;
import dev.parley.chat.control.SearchQuery;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.web.QueryParams;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /api/search?q=WORDS&conversation=&sender=&from=&to=&limit=&offset=}: the caller's
 * messages (of conversations they are in) with every word, best first, each with the ranges to
 * highlight. {@code from}/{@code to} are instants or UTC days ({@code to} day inclusive).
 */
@Path("search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    @Inject
    MessageSearch search;

    @Context
    SecurityContext security;

    @GET
    public MessageSearch.Results search(@QueryParam("q") String q, @QueryParam("conversation") String conversation,
                                        @QueryParam("sender") String sender, @QueryParam("from") String from,
                                        @QueryParam("to") String to, @QueryParam("limit") String limit,
                                        @QueryParam("offset") String offset) {
        Integer size = QueryParams.smallNumber("limit", limit);
        Integer skip = QueryParams.smallNumber("offset", offset);
        return search.search(new SearchQuery(security.getUserPrincipal().getName(), SearchQuery.terms(q),
                conversation == null || conversation.isEmpty() ? null : ConversationId.parse(conversation),
                sender == null || sender.isEmpty() ? null : sender, time("from", from, false), time("to", to, true),
                size == null ? SearchQuery.DEFAULT_LIMIT : size, skip == null ? 0 : skip));
    }

    /** An instant, or a UTC day (its start; for {@code to}, the start of the next day). */
    static Instant time(String name, String value, boolean end) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                throw ParleyException.badRequest("'" + name + "' must be an ISO-8601 instant or day");
            }
        }
    }
}
