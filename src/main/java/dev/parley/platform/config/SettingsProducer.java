package dev.parley.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads {@link Settings} once per application, so a bad value fails the deployment, not a request. */
@ApplicationScoped
public class SettingsProducer {

    private final Settings settings = Settings.from(ConfigProvider.getConfig(Settings.class.getClassLoader()));

    @Produces
    @Singleton
    Settings settings() {
        return settings;
    }
}
