package dev.parley.accounts.control;

import dev.parley.platform.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** One {@link PasswordHasher} at the configured work factor ({@code PARLEY_PASSWORD_ITERATIONS}). */
@ApplicationScoped
public class PasswordHasherProducer {

    @Inject
    Settings settings;

    @Produces
    @Singleton
    PasswordHasher hasher() {
        return new PasswordHasher(settings.passwordIterations());
    }
}
