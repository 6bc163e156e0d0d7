package dev.parley.platform.server;

import dev.parley.platform.health.HealthServlet;
import dev.parley.platform.metrics.Metrics;
import dev.parley.platform.metrics.MetricsServlet;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Logger;

/**
 * Gives every server the same {@code /health} and {@code /metrics} on the application's own port.
 * Payara Micro serves both itself; WildFly serves health only on its management port and has no
 * MicroProfile Metrics, so there the WAR serves them.
 */
@WebListener
public class ObservabilityEndpoints implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ObservabilityEndpoints.class.getName());

    @Inject
    Metrics metrics;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (ServerKind.detect() != ServerKind.PAYARA) {
            context.addServlet("parley-health", HealthServlet.class).addMapping("/health", "/health/*");
            LOG.info("Serving /health from the application");
        }
        if (metrics.ownRegistry() != null) {
            context.addServlet("parley-metrics", MetricsServlet.class).addMapping("/metrics");
            LOG.info("Serving /metrics from the application (Prometheus text format)");
        }
    }
}
