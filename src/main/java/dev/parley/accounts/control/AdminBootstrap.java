package dev.parley.accounts.control;

import dev.parley.platform.config.Settings;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** At startup, creates or updates the {@code PARLEY_ADMIN_USER} account when both admin settings are present. */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    Settings settings;

    @Inject
    AccountService accounts;

    void onStart(@Observes Startup startup) {
        if (settings.adminUser().isEmpty() || settings.adminPassword().isEmpty()) {
            if (settings.adminUser().isPresent() != settings.adminPassword().isPresent()) {
                LOG.warning("PARLEY_ADMIN_USER and PARLEY_ADMIN_PASSWORD must be set together; no admin account was created");
            }
            return;
        }
        try {
            accounts.ensureAdmin(settings.adminUser().get(), settings.adminPassword().get());
            LOG.info(() -> "Administrator account '" + settings.adminUser().get() + "' is ready");
        } catch (ParleyException e) {
            LOG.severe("PARLEY_ADMIN_USER/PARLEY_ADMIN_PASSWORD rejected: " + e.getMessage());
        }
    }
}
