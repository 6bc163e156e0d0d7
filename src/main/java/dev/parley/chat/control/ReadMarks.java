package dev.parley.chat.control;

import dev.parley.chat.entity.ConversationId;
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
 * Read positions, moved in batches. A {@code read} frame queues its mark here and returns; one thread
 * commits everything that queued meanwhile in one transaction ({@link MessageStore#markAllRead}), so
 * a room whose members all read each message costs a commit per batch, not one per member and
 * message. As with sends, a lone mark commits at once. A mark the rules refuse (not a member, a seq
 * past the conversation's last) is answered alone, through its {@link Mark#refused} callback.
 */
@ApplicationScoped
public class ReadMarks {

    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 20_000;
    private static final Duration SETTLE = Duration.ofSeconds(5);

    /** A member has read {@code conversation} up to {@code seq}; {@code refused} hears why not, if not. */
    public record Mark(String user, ConversationId conversation, long seq, String originConnection, Consumer<Exception> refused) {
    }

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MessageStore store;

    private GroupCommit<Mark> commits;

    /** Created at startup, on the deploying thread, where the container's thread factory is injected. */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    @PostConstruct
    void start() {
        commits = new GroupCommit<>("parley-read-marks", QUEUE_CAPACITY, MAX_BATCH, threads,
                GroupCommit.Committer.refusing(store::markAllRead, (mark, refusal) -> mark.refused().accept(refusal)), Mark::user);
    }

    @PreDestroy
    void stop() {
        commits.stop();
    }

    /** Queues a mark; refuses it with {@code unavailable} when the queue stays full. */
    public void submit(Mark mark) {
        commits.submit(mark, "the server is busy storing read positions; try again shortly");
    }

    /**
     * Waits (a few seconds at most) until the read positions this node queued for {@code user} are stored,
     * so that a socket of theirs that opens now reads them.
     */
    public void awaitStored(String user) {
        commits.awaitCommitted(user, SETTLE);
    }
}
