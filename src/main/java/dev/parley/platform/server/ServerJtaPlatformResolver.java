package dev.parley.platform.server;

import java.util.Map;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.hibernate.engine.transaction.jta.platform.internal.JBossAppServerJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.internal.StandardJtaPlatformResolver;
import org.hibernate.engine.transaction.jta.platform.internal.SunOneJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatform;
import org.hibernate.engine.transaction.jta.platform.spi.JtaPlatformResolver;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Tells Hibernate (which the WAR carries) how to reach the server's transaction manager, so that the
 * WAR deploys on a server nobody configured. Hibernate's own detection finds none on Payara, and with
 * Hibernate inside the WAR WildFly installs none either; this resolver recognises the server by the
 * JNDI name under which it binds its transaction manager. Named in {@code persistence.xml}; an explicit
 * {@code hibernate.transaction.jta.platform} still wins over it.
 */
public class ServerJtaPlatformResolver implements JtaPlatformResolver {

    private static final Logger LOG = Logger.getLogger(ServerJtaPlatformResolver.class.getName());

    @Override
    @SuppressWarnings("rawtypes") // Hibernate declares the raw type
    public JtaPlatform resolveJtaPlatform(Map configurationValues, ServiceRegistryImplementor registry) {
        JtaPlatform platform = switch (ServerKind.detect()) {
            case PAYARA -> new SunOneJtaPlatform();
            case WILDFLY -> new JBossAppServerJtaPlatform();
            case OTHER -> StandardJtaPlatformResolver.INSTANCE.resolveJtaPlatform(configurationValues, registry);
        };
        LOG.fine(() -> "JTA platform: " + platform.getClass().getSimpleName());
        return platform;
    }

    /** True when {@code name} is bound in the server's JNDI tree. */
    static boolean bound(String name) {
        try {
            return new InitialContext().lookup(name) != null;
        } catch (NamingException | RuntimeException e) {
            return false;
        }
    }
}
