package dev.parley.ui.boundary;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The web UI's pages, each a JSP under {@code WEB-INF/jsp} with its ES module. The pages are shells:
 * everything they show comes through the REST API and the sockets, with the browser's session
 * cookie, so a page needs no server-side state. A page whose user is not signed in sends them to
 * {@code /login} (its script asks {@code /api/me}).
 */
@WebServlet(urlPatterns = {"", "/login", "/preferences", "/live"})
public class PagesServlet extends HttpServlet {

    private static final Map<String, String> PAGES = Map.of(
            "", "app/chat.jsp",
            "/", "app/chat.jsp",
            "/login", "app/login.jsp",
            "/preferences", "app/preferences.jsp",
            "/live", "app/live.jsp");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String page = PAGES.get(request.getServletPath());
        if (page == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        request.getRequestDispatcher("/WEB-INF/jsp/" + page).forward(request, response);
    }
}
