package dev.parley.platform.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.ServletContext;

/**
 * The application's context path ({@code ""} at the root), for links the API hands out. Captured once
 * when the application starts, so it can be read from any thread (a socket's, a scheduler's).
 */
@ApplicationScoped
public class ContextPath {

    private volatile String value = "";

    void started(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        value = context.getContextPath();
    }

    /** {@code ""} when deployed at {@code /}, otherwise e.g. {@code /parley}. */
    public String value() {
        return value;
    }
}
