package dev.parley.notifications.control;

import dev.parley.sockets.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The notification side of one {@code /notifications} socket. While the socket's backlog is being read
 * and sent on connect, live notifications wait; afterwards they flow, and one that was already in the
 * backlog is not sent twice.
 */
public final class Inbox {

    private record Held(long id, String frame) {
    }

    private final Connection connection;
    private final int holdLimit;
    // Guarded by this.
    private boolean sendingBacklog = true;
    private final List<Held> held = new ArrayList<>();
    private final Set<Long> inBacklog = new HashSet<>();

    public Inbox(Connection connection, int holdLimit) {
        this.connection = connection;
        this.holdLimit = holdLimit;
    }

    public synchronized void live(long id, String frame) {
        if (sendingBacklog) {
            if (held.size() >= holdLimit) {
                connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too slow: too many notifications held");
                return;
            }
            held.add(new Held(id, frame));
            return;
        }
        if (!inBacklog.contains(id)) {
            connection.send(frame);
        }
    }

    /** Sends the {@code welcome} and the backlog, then what arrived meanwhile, each notification once. */
    public synchronized void sendBacklog(String welcome, List<Long> ids, List<String> frames) {
        connection.send(welcome);
        inBacklog.addAll(ids);
        connection.sendAll(frames);
        sendingBacklog = false;
        for (Held notification : held) {
            if (!inBacklog.contains(notification.id())) {
                connection.send(notification.frame());
            }
        }
        held.clear();
    }
}
