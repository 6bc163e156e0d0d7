package dev.parley.it;

import dev.parley.testing.Api;
import dev.parley.testing.Deployments;
import java.net.URI;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the black-box suites: the built WAR deployed once per suite class to Payara Micro (the
 * Arquillian managed container), and a REST client pointed at it.
 */
@ExtendWith(ArquillianExtension.class)
abstract class AgainstDeployment {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.parley();
    }

    @ArquillianResource
    URL base;

    /** The application's root URL, e.g. {@code http://localhost:PORT/parley/}. */
    URI http;

    Api api;

    @BeforeEach
    void client() throws Exception {
        // The container reports the machine's interface address; the tests talk over loopback only.
        http = new URI("http", null, "127.0.0.1", base.getPort(), base.getPath(), null, null);
        api = new Api(http);
        Api.Reply probe = api.get("api/me");
        if (probe.status() != 401) {
            throw new IllegalStateException("Parley does not answer at " + http + " (GET api/me gave " + probe.status() + ")");
        }
    }
}
