package dev.parley.sockets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.PlainThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Tyrus idle-timer bypass: the session's scheduler field is replaced, and the replacement runs due timers inline. */
class IdleTimerBypassTest {

    /** Stands in for Tyrus's session: a private scheduler field, set at construction. */
    static class StandInSession {
        private ScheduledExecutorService service = Executors.newSingleThreadScheduledExecutor();

        ScheduledExecutorService service() {
            return service;
        }
    }

    static class StandInSubclass extends StandInSession {
    }

    @Test
    void aSessionOfTheNamedClassGetsThePlainSchedulerAndOthersAreLeftAlone() {
        IdleTimerBypass bypass = new IdleTimerBypass(StandInSession.class.getName(), "service", new PlainThreads());
        StandInSession session = new StandInSubclass();
        ScheduledExecutorService managed = session.service();
        try {
            assertTrue(bypass.apply(session));
            assertInstanceOf(IdleTimerBypass.InlineWhenDue.class, session.service());
            StandInSession another = new StandInSession();
            assertTrue(bypass.apply(another));
            assertSame(session.service(), another.service(), "one scheduler for all sessions");
            another.service.shutdownNow();
        } finally {
            managed.shutdownNow();
            bypass.shutdown();
        }
        IdleTimerBypass elsewhere = new IdleTimerBypass("org.glassfish.tyrus.core.TyrusSession", "service", new PlainThreads());
        StandInSession notTyrus = new StandInSession();
        assertFalse(elsewhere.apply(notTyrus), "on a server without Tyrus nothing happens");
        assertFalse(elsewhere.apply(notTyrus));
        assertNotSame(IdleTimerBypass.InlineWhenDue.class, notTyrus.service().getClass());
        notTyrus.service.shutdownNow();
        elsewhere.shutdown();
    }

    @Test
    void aTimerDueNowRunsOnTheCallingThreadAndALaterOneOnTheSchedulersThread() throws Exception {
        IdleTimerBypass.InlineWhenDue timers = new IdleTimerBypass.InlineWhenDue(new PlainThreads());
        try {
            BlockingQueue<Thread> ranOn = new ArrayBlockingQueue<>(2);
            Runnable idleCheck = () -> ranOn.add(Thread.currentThread()); // Tyrus schedules a Runnable
            ScheduledFuture<?> now = timers.schedule(idleCheck, 0, TimeUnit.MILLISECONDS);
            assertSame(Thread.currentThread(), ranOn.poll(), "ran before schedule returned, here");
            assertTrue(now.isDone());
            assertFalse(now.cancel(true));

            timers.schedule(idleCheck, 20, TimeUnit.MILLISECONDS);
            Thread later = ranOn.poll(10, TimeUnit.SECONDS);
            assertNotSame(Thread.currentThread(), later);
        } finally {
            timers.shutdownNow();
        }
    }
}
