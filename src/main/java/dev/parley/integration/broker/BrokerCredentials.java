package dev.parley.integration.broker;

import dev.parley.platform.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The user and password of the embedded broker's TCP acceptor. {@code PARLEY_JMS_USER} and
 * {@code PARLEY_JMS_PASSWORD} choose them; without a password, one is generated on first start,
 * logged once, and kept (readable only by its owner) in the broker's folder, so it survives restarts.
 */
record BrokerCredentials(String user, String password) {

    private static final Logger LOG = Logger.getLogger(BrokerCredentials.class.getName());
    static final String DEFAULT_USER = "parley";

    static BrokerCredentials resolve(Settings settings, Path brokerDir) {
        String user = settings.jmsUser().orElse(DEFAULT_USER);
        Optional<String> configured = settings.jmsPassword();
        if (configured.isPresent()) {
            return new BrokerCredentials(user, configured.get());
        }
        Path file = brokerDir.resolve("generated-password");
        try {
            if (Files.exists(file)) {
                LOG.info(() -> "Embedded JMS broker: user '" + user + "', password as generated earlier in " + file);
                return new BrokerCredentials(user, Files.readString(file, StandardCharsets.UTF_8).trim());
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(brokerDir);
            Files.writeString(file, password, StandardCharsets.UTF_8);
            restrict(file);
            LOG.warning(() -> "Embedded JMS broker: no PARLEY_JMS_PASSWORD set, generated one for user '" + user + "': "
                    + password + " (kept in " + file + "; set PARLEY_JMS_PASSWORD to choose your own)");
            return new BrokerCredentials(user, password);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the broker password at " + file, e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            LOG.fine(() -> "Cannot restrict permissions of " + file + ": " + e);
        }
    }

    /** Constant-time comparison of a login attempt with these credentials. */
    boolean matches(String candidateUser, String candidatePassword) {
        if (candidateUser == null || candidatePassword == null) {
            return false;
        }
        boolean userOk = MessageDigest.isEqual(user.getBytes(StandardCharsets.UTF_8),
                candidateUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordOk = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                candidatePassword.getBytes(StandardCharsets.UTF_8));
        return userOk & passwordOk;
    }

    @Override
    public String toString() {
        return "BrokerCredentials[user=" + user + "]";
    }
}
