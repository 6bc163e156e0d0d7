package dev.parley.platform.server;

/**
 * The application server Parley runs in, recognised by where it binds its transaction manager. Only
 * this package asks; everything else is written against the Jakarta EE and MicroProfile APIs.
 */
public enum ServerKind {
    /** Payara Micro or Payara Server (GlassFish's JNDI names). */
    PAYARA,
    /** WildFly (or JBoss EAP). */
    WILDFLY,
    OTHER;

    public static ServerKind detect() {
        if (ServerJtaPlatformResolver.bound("java:appserver/TransactionManager")) {
            return PAYARA;
        }
        if (ServerJtaPlatformResolver.bound("java:jboss/TransactionManager")) {
            return WILDFLY;
        }
        return OTHER;
    }
}
