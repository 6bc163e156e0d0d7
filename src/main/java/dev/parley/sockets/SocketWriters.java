package dev.parley.sockets;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that write to sockets. Writes never run on the thread that published a frame: on
 * Payara, Tyrus writes through the servlet output stream, which blocks while a peer's TCP window is
 * full. Here such a write stalls one writer thread for that one socket, while publishers (and the
 * conversation lock they hold) and every other socket carry on. Threads come from the server's
 * managed thread factory, grow with demand and die when idle.
 */
@ApplicationScoped
public class SocketWriters implements Executor {

    static final int MAX_THREADS = 256;

    @Resource
    ManagedThreadFactory threads;

    /**
     * Created at startup, on the deploying thread: the container's executor is injected there, but a
     * bean first created on a WebSocket thread (no naming context on Payara) gets none.
     */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    private ThreadPoolExecutor pool;

    @PostConstruct
    void start() {
        pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Writer threads currently busy (a stalled peer keeps one busy until its write times out or drains). */
    public int active() {
        return pool.getActiveCount();
    }

    @PreDestroy
    void stop() {
        pool.shutdown();
    }
}
