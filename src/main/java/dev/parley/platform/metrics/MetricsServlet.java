package dev.parley.platform.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves Parley's own registry at {@code /metrics} in the Prometheus text format, where the server has
 * no MicroProfile Metrics (registered by {@code platform.server} only then).
 */
public class MetricsServlet extends HttpServlet {

    @Inject
    Metrics metrics;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrometheusRegistry registry = metrics.ownRegistry();
        if (registry == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("text/plain; version=0.0.4");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(registry.scrape());
    }
}
