package dev.parley.integration.broker;

import java.util.Set;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

/** The embedded broker knows one account, Parley's, which may do everything. */
final class SingleUserSecurityManager implements ActiveMQSecurityManager {

    private final BrokerCredentials credentials;

    SingleUserSecurityManager(BrokerCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public boolean validateUser(String user, String password) {
        return credentials.matches(user, password);
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return credentials.matches(user, password);
    }
}
