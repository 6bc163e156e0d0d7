package dev.parley.platform.db;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** Declares Parley's own pooled, transactional data source once, portably, under {@code java:app}. */
@DataSourceDefinition(
        name = DataSourceDeclaration.JNDI_NAME,
        className = "dev.parley.platform.db.ParleyDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        transactional = true,
        // WildFly's pool refuses a data source class without at least one connection property.
        properties = "description=Parley")
@ApplicationScoped
public class DataSourceDeclaration {

    public static final String JNDI_NAME = "java:app/jdbc/parley";
}
