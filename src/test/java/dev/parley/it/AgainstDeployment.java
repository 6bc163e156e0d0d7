package dev.parley.it;

import dev.parley.testing.Api;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SharedServer;
import java.net.URI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the black-box suites: the built WAR on the run's one {@link SharedServer} (Payara Micro, or
 * WildFly in the suite's WildFly run), and a REST client pointed at it. A failed test names the
 * server's log and leaves a thread dump of it.
 */
@ExtendWith({SharedServer.class, ServerProcesses.class})
abstract class AgainstDeployment {

    /** The application's root URL, e.g. {@code http://127.0.0.1:PORT/}. */
    URI http;

    Api api;

    @BeforeEach
    void client() throws Exception {
        http = SharedServer.base();
        api = new Api(http);
        Api.Reply probe = api.get("api/me");
        if (probe.status() != 401) {
            throw new IllegalStateException("Parley does not answer at " + http + " (GET api/me gave " + probe.status() + ")");
        }
    }
}
