package dev.parley.accounts.control;

import dev.parley.accounts.entity.Account;
import dev.parley.accounts.entity.Credential;
import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Issues, resolves and revokes API tokens and browser sessions. */
@ApplicationScoped
public class CredentialService {

    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<CredentialRevoked> revoked;

    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    /** A freshly issued credential: the secret goes to the client once and is never stored. */
    public record Issued(String secret, String id, Instant expiresAt) {
    }

    @Transactional
    public Issued issue(String username, CredentialKind kind, Duration ttl) {
        Instant now = clock.instant();
        purgeExpiredNow(now);
        String secret = TokenHash.newSecret();
        Credential credential = new Credential(TokenHash.of(secret), username, kind, now, now.plus(ttl));
        em.persist(credential);
        return new Issued(secret, credential.tokenHash(), credential.expiresAt());
    }

    /** The caller a presented secret stands for, if it is known, of the expected kind and not expired. */
    public Optional<ParleyPrincipal> resolve(String secret, CredentialKind kind) {
        if (secret == null || secret.isEmpty() || secret.length() > TokenHash.MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        Credential credential = em.find(Credential.class, TokenHash.of(secret));
        if (credential == null || credential.kind() != kind || !credential.isValidAt(clock.instant())) {
            return Optional.empty();
        }
        Account account = em.find(Account.class, credential.username());
        if (account == null) {
            return Optional.empty();
        }
        return Optional.of(new ParleyPrincipal(account.username(), account.roles(), credential.tokenHash(), kind, credential.expiresAt()));
    }

    /** Ends the caller's credential; once committed, the sockets opened with it are closed. */
    @Transactional
    public void revoke(ParleyPrincipal caller) {
        Credential credential = em.find(Credential.class, caller.credentialId());
        if (credential != null) {
            em.remove(credential);
        }
        revoked.fire(new CredentialRevoked(caller.username(), caller.credentialId()));
    }

    private void purgeExpiredNow(Instant now) {
        Instant last = lastPurge.get();
        if (last.plus(PURGE_EVERY).isBefore(now) && lastPurge.compareAndSet(last, now)) {
            em.createNamedQuery(Credential.DELETE_EXPIRED).setParameter("now", now).executeUpdate();
        }
    }
}
