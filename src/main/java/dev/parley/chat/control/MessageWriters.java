package dev.parley.chat.control;

import dev.parley.chat.control.MessageSender.Outcome;
import dev.parley.chat.control.MessageSender.Pending;
import dev.parley.platform.config.Settings;
import dev.parley.platform.db.DatabaseTarget;
import dev.parley.platform.db.DatabaseUnavailable;
import dev.parley.platform.db.DiskSync;
import dev.parley.platform.db.GroupCommit;
import dev.parley.platform.db.IntegrityViolation;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: a few writers ({@link GroupCommit} threads), each owning the conversations whose id
 * hashes to it, commit sends in batches. A writer takes everything that queued while its previous
 * commit ran (at most {@link #MAX_BATCH}) and commits it in one transaction; a lone send commits at
 * once, so batches form only under load and nothing waits for a timer. One conversation's sends go through one writer, so
 * this node stores, acknowledges and publishes them in the order they arrived.
 */
@ApplicationScoped
public class MessageWriters {

    private static final Logger LOG = Logger.getLogger(MessageWriters.class.getName());

    static final int MAX_BATCH = 500;
    /** Sends waiting per writer; beyond it a sender waits for room, then is told to try again. */
    static final int QUEUE_CAPACITY = 20_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MessageBatch batches;

    @Inject
    MessageSender sender;

    @Inject
    DiskSync disk;

    @Inject
    Settings settings;

    private final List<GroupCommit<Pending>> writers = new ArrayList<>();

    /**
     * Created at startup, on the deploying thread: the container's thread factory is injected there,
     * but a bean first created on a WebSocket thread (no naming context on Payara) gets none.
     */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    @PostConstruct
    void start() {
        int count = writerCount(DatabaseTarget.of(settings).kind(), Runtime.getRuntime().availableProcessors());
        GroupCommit.Committer<Pending> committer = new GroupCommit.Committer<>() {
            @Override
            public void commit(List<Pending> batch) {
                write(batch);
            }

            @Override
            public void fail(List<Pending> batch, Exception failure) {
                batch.forEach(send -> complete(Outcome.failed(send, failure)));
            }
        };
        for (int i = 0; i < count; i++) {
            writers.add(new GroupCommit<>("parley-message-writer-" + i, QUEUE_CAPACITY, MAX_BATCH, threads, committer));
        }
    }

    /**
     * The embedded H2 commits in this process, on its CPU: more writers than cores only contend for its
     * store. A PostgreSQL commit mostly waits for the server's disk, so twice as many writers keep more
     * commits in flight.
     */
    static int writerCount(DatabaseTarget.Kind database, int cores) {
        return database == DatabaseTarget.Kind.POSTGRESQL ? Math.max(4, Math.min(16, 2 * cores)) : Math.max(2, Math.min(8, cores));
    }

    @PreDestroy
    void stop() {
        writers.forEach(GroupCommit::stop);
    }

    /** Queues a send to its conversation's writer; refuses it with {@code unavailable} when the writer stays full. */
    void submit(Pending send) {
        writers.get(Math.floorMod(send.conversation().value().hashCode(), writers.size()))
                .submit(send, "the server is busy storing messages; try again shortly");
    }

    /**
     * Commits a batch and completes each send in order. If the batch's transaction fails for any
     * reason but the database being away (a unique key that another node's send took first, say),
     * each send is tried again alone, so one send cannot fail the others.
     */
    private void write(List<Pending> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = batches.commit(batch);
        } catch (Exception e) {
            if (DatabaseUnavailable.in(e)) {
                batch.forEach(send -> complete(Outcome.failed(send, e)));
                return;
            }
            LOG.log(Level.FINE, "A batch of " + batch.size() + " sends failed; storing them one by one", e);
            outcomes = new ArrayList<>(batch.size());
            for (Pending send : batch) {
                outcomes.add(alone(send));
            }
        }
        synced(outcomes).forEach(this::complete);
    }

    /**
     * With {@code PARLEY_DB_SYNC}, the batch is forced to the disk before anything is acknowledged. If
     * that fails, the sends are answered with {@code unavailable}: they are stored, so sending them
     * again returns the stored message.
     */
    private List<Outcome> synced(List<Outcome> outcomes) {
        if (!disk.enabled() || outcomes.stream().allMatch(outcome -> outcome.failure() != null)) {
            return outcomes;
        }
        try {
            disk.sync();
            return outcomes;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Forcing a batch of sends to the disk failed", e);
            ParleyException unsynced = new ParleyException(ErrorCode.UNAVAILABLE, "the message could not be made durable; send it again");
            return outcomes.stream().map(outcome -> outcome.failure() != null ? outcome : Outcome.failed(outcome.send(), unsynced)).toList();
        }
    }

    /**
     * One send in a transaction of its own. A unique key it lost to a send committed meanwhile (the
     * same {@code clientMsgId} from another socket) is tried once more, and then finds that original.
     */
    private Outcome alone(Pending send) {
        for (int attempt = 1; ; attempt++) {
            try {
                return batches.commit(List.of(send)).get(0);
            } catch (Exception e) {
                if (attempt == 2 || !IntegrityViolation.in(e)) {
                    return Outcome.failed(send, e);
                }
            }
        }
    }

    private void complete(Outcome outcome) {
        try {
            sender.completed(outcome);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Answering a send of " + outcome.send().sender() + " failed", e);
        }
    }
}
