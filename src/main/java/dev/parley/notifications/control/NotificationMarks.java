package dev.parley.notifications.control;

import dev.parley.platform.db.GroupCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Notification {@code ack} and {@code read} frames, committed in batches. A frame queues its mark here
 * and returns; one thread commits everything that queued meanwhile in one transaction
 * ({@link NotificationInbox#markAll}), so a broadcast to thousands that every client acknowledges costs
 * a commit per batch, not one per recipient. A lone mark commits at once. A refused mark (an unknown
 * id, another user's) is answered alone, through its {@link Mark#refused} callback.
 */
@ApplicationScoped
public class NotificationMarks {

    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 20_000;
    private static final Duration SETTLE = Duration.ofSeconds(5);

    public enum Kind {
        /** {@code ack}: delivered, so not sent again on the next connect. */
        DELIVERED,
        /** {@code read}: read, and the user's other sockets are told. */
        READ
    }

    /**
     * {@code user} marks notification {@code id} (every unread one of theirs when a {@code READ} has no
     * id); {@code refused} hears why not, if not.
     */
    public record Mark(String user, Kind kind, Long id, String originConnection, Consumer<Exception> refused) {
    }

    @Resource
    ManagedThreadFactory threads;

    @Inject
    NotificationInbox inbox;

    private GroupCommit<Mark> commits;

    /** Created at startup, on the deploying thread, where the container's thread factory is injected. */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    @PostConstruct
    void start() {
        commits = new GroupCommit<>("parley-notification-marks", QUEUE_CAPACITY, MAX_BATCH, threads,
                GroupCommit.Committer.refusing(inbox::markAll, (mark, refusal) -> mark.refused().accept(refusal)), Mark::user);
    }

    @PreDestroy
    void stop() {
        commits.stop();
    }

    /** Queues a mark; refuses it with {@code unavailable} when the queue stays full. */
    public void submit(Mark mark) {
        commits.submit(mark, "the server is busy storing notification state; try again shortly");
    }

    /**
     * Waits (a few seconds at most) until the acknowledgements and reads this node queued for {@code user} are stored,
     * so that a socket of theirs that opens now reads them.
     */
    public void awaitStored(String user) {
        commits.awaitCommitted(user, SETTLE);
    }
}
