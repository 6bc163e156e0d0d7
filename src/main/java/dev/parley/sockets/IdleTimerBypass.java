package dev.parley.sockets;

import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes Tyrus's per-frame idle timer off the server's managed scheduler. The Tyrus in Payara 6
 * (2.1.x) re-arms each session's idle timer on every frame sent or received by scheduling a task on
 * the managed scheduled executor, even when no idle timeout is set (then the task does nothing and
 * runs at once). Scheduling on a managed executor captures thread context, and on Payara that capture
 * scans every jar of the application and of the server for a ServiceLoader file
 * ({@code ContextSetupProviderImpl.saveContext}): on a busy socket it costs more than the frame.
 *
 * <p>Parley closes idle sockets itself ({@link Heartbeat}), so each Tyrus session gets a plain
 * scheduler in place of the managed one: a timer with no delay runs at once on the calling thread
 * (Tyrus's task only checks that no timeout is set), and one with a delay goes to a single daemon
 * thread. The standard API cannot reach this; {@link #apply} sets Tyrus's private field, and on a
 * server without it (WildFly) does nothing. Payara issue 8385 asks for the fix upstream.
 */
final class IdleTimerBypass {

    private static final Logger LOG = Logger.getLogger(IdleTimerBypass.class.getName());

    private final String sessionClass;
    private final String fieldName;
    private final ScheduledExecutorService timers;
    private volatile Field field;
    private volatile boolean unavailable;

    /** Tyrus's session and its scheduler field. */
    static IdleTimerBypass tyrus(ThreadFactory threads) {
        return new IdleTimerBypass("org.glassfish.tyrus.core.TyrusSession", "service", threads);
    }

    IdleTimerBypass(String sessionClass, String fieldName, ThreadFactory threads) {
        this.sessionClass = sessionClass;
        this.fieldName = fieldName;
        this.timers = new InlineWhenDue(threads);
    }

    /** Gives {@code session} the plain scheduler; false where that is not possible (not Tyrus, or a Tyrus without the field). */
    boolean apply(Object session) {
        if (unavailable) {
            return false;
        }
        Field target = field != null ? field : find(session.getClass());
        if (target == null) {
            return false;
        }
        try {
            target.set(session, timers);
            return true;
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus's idle timer stays on the managed scheduler", e);
            unavailable = true;
            return false;
        }
    }

    void shutdown() {
        timers.shutdownNow();
    }

    private Field find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(sessionClass)) {
                try {
                    Field found = c.getDeclaredField(fieldName);
                    if (!ScheduledExecutorService.class.isAssignableFrom(found.getType())) {
                        break;
                    }
                    found.setAccessible(true);
                    field = found;
                    LOG.fine(() -> "Tyrus's per-frame idle timer runs off the managed scheduler");
                    return found;
                } catch (NoSuchFieldException | RuntimeException e) {
                    break;
                }
            }
        }
        unavailable = true;
        return null;
    }

    /** A scheduler that runs a task due now on the calling thread, and the others on one daemon thread. */
    static final class InlineWhenDue extends ScheduledThreadPoolExecutor {

        InlineWhenDue(ThreadFactory threads) {
            super(1, threads);
            setRemoveOnCancelPolicy(true);
            setKeepAliveTime(10, TimeUnit.SECONDS);
            allowCoreThreadTimeOut(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay > 0) {
                return super.schedule(command, delay, unit);
            }
            command.run();
            return Ran.INSTANCE;
        }
    }

    /** A task that already ran. */
    private static final class Ran implements ScheduledFuture<Object> {

        static final Ran INSTANCE = new Ran();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
