package dev.parley.accounts.control;

import dev.parley.accounts.entity.Account;
import dev.parley.accounts.entity.Role;
import dev.parley.platform.db.IntegrityViolation;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Account use cases, one transaction each. Password hashing happens before any row is touched. */
@ApplicationScoped
public class AccountService {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    Clock clock;

    @Inject
    Event<DisconnectRequested> disconnects;

    @Transactional
    public Account register(String username, String password, String displayName) {
        Account.validUsername(username);
        PasswordHasher.checkPolicy(password);
        Account account = new Account(username, displayName, hasher.hash(password), clock.instant());
        if (em.find(Account.class, username) != null) {
            throw ParleyException.conflict("username '" + username + "' is taken");
        }
        try {
            em.persist(account);
            em.flush();
        } catch (PersistenceException e) {
            if (!IntegrityViolation.in(e)) {
                throw e;
            }
            // Two registrations of one name raced past the find; the primary key decided.
            throw ParleyException.conflict("username '" + username + "' is taken");
        }
        return account;
    }

    public Optional<Account> find(String username) {
        return Optional.ofNullable(em.find(Account.class, username));
    }

    /** Asks every node to close the user's sockets (an administrator's disconnect). */
    public void disconnect(String username) {
        if (find(username).isEmpty()) {
            throw ParleyException.notFound("no user '" + username + "'");
        }
        disconnects.fire(new DisconnectRequested(username, "disconnected by an administrator"));
    }

    /**
     * Records a login attempt's outcome under a row lock, so concurrent attempts count exactly.
     * A success also upgrades a hash made at an older work factor.
     */
    @Transactional
    public void recordLogin(String username, boolean success, String password, int maxFailures) {
        Account account = em.find(Account.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            return;
        }
        if (success) {
            account.recordSuccessfulLogin();
            if (hasher.needsRehash(account.passwordHash())) {
                account.changePasswordHash(hasher.hash(password));
            }
        } else {
            account.recordFailedLogin(clock.instant(), maxFailures);
        }
    }

    /** Replaces an account's granted roles ({@code user} always stays). */
    @Transactional
    public Account setRoles(String username, Set<Role> roles) {
        Account account = em.find(Account.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw ParleyException.notFound("no user '" + username + "'");
        }
        account.grantRoles(roles);
        return account;
    }

    /** Creates the bootstrap administrator, or brings an existing one's password and roles up to date. */
    @Transactional
    public Account ensureAdmin(String username, String password) {
        Account.validUsername(username);
        PasswordHasher.checkPolicy(password);
        Account account = em.find(Account.class, username, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            account = new Account(username, username, hasher.hash(password), clock.instant());
            em.persist(account);
        } else if (!hasher.verify(password, account.passwordHash())) {
            account.changePasswordHash(hasher.hash(password));
        }
        EnumSet<Role> roles = EnumSet.copyOf(account.roles());
        roles.add(Role.ADMIN);
        roles.add(Role.PUBLISHER);
        account.grantRoles(roles);
        account.recordSuccessfulLogin();
        return account;
    }

    /**
     * Makes sure a bot account exists for a system posting through JMS. A person's account of that
     * name is refused: JMS producers post as bots, never as people.
     */
    @Transactional
    public Account ensureBot(String username, String displayName) {
        Account account = em.find(Account.class, Account.validUsername(username));
        if (account == null) {
            account = Account.bot(username, displayName, clock.instant());
            em.persist(account);
            em.flush();
        } else if (!account.isBot()) {
            throw ParleyException.forbidden("'" + username + "' is a person's account; JMS messages are posted only as bot accounts");
        }
        return account;
    }

    /** People (not bots) whose username or display name starts with {@code prefix}, case-insensitively, by username. */
    public List<Account> search(String prefix, int limit) {
        String pattern = prefix.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return em.createNamedQuery(Account.SEARCH, Account.class)
                .setParameter("pattern", pattern)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The accounts of these usernames (unknown names are left out), by username. */
    public List<Account> named(Collection<String> usernames) {
        if (usernames.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select a from Account a where a.username in :names order by a.username", Account.class)
                .setParameter("names", usernames)
                .getResultList();
    }
}
