package dev.parley.platform.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every REST resource lives under {@code /api}; resources and providers are discovered. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
