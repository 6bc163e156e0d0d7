package dev.parley.platform.health;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Serves Parley's health checks at {@code /health}, {@code /health/live}, {@code /health/ready} and
 * {@code /health/started} in MicroProfile Health's JSON, on servers that serve MicroProfile Health
 * only on a management port (WildFly), so that load balancers probe the same URLs everywhere.
 * Registered by {@code platform.server}; on Payara the server's own endpoint answers.
 */
public class HealthServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(HealthServlet.class.getName());

    @Inject
    @Liveness
    Instance<HealthCheck> liveness;

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Inject
    @Startup
    Instance<HealthCheck> startup;

    @Inject
    @Any
    Instance<HealthCheck> any;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        List<HealthCheck> checks = new ArrayList<>();
        switch (path) {
            case "", "/" -> {
                liveness.forEach(checks::add);
                readiness.forEach(checks::add);
                startup.forEach(checks::add);
            }
            case "/live" -> liveness.forEach(checks::add);
            case "/ready" -> readiness.forEach(checks::add);
            case "/started" -> startup.forEach(checks::add);
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
        }
        boolean up = true;
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (HealthCheck check : checks) {
            HealthCheckResponse result = call(check);
            up &= result.getStatus() == HealthCheckResponse.Status.UP;
            JsonObjectBuilder one = Json.createObjectBuilder()
                    .add("name", result.getName())
                    .add("status", result.getStatus().name());
            result.getData().ifPresent(data -> one.add("data", data(data)));
            results.add(one);
        }
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        try (JsonGenerator out = Json.createGenerator(response.getWriter())) {
            out.write(Json.createObjectBuilder().add("status", up ? "UP" : "DOWN").add("checks", results).build());
        }
    }

    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Health check " + check.getClass().getName() + " failed", e);
            return HealthCheckResponse.named(check.getClass().getSimpleName()).down()
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private static JsonObjectBuilder data(Map<String, Object> data) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        data.forEach((key, value) -> {
            if (value instanceof Boolean b) {
                out.add(key, b);
            } else if (value instanceof Long || value instanceof Integer) {
                out.add(key, ((Number) value).longValue());
            } else {
                out.add(key, String.valueOf(value));
            }
        });
        return out;
    }
}
