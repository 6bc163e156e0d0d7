package dev.parley.presence.control;

import java.util.Collection;
import java.util.Set;

/**
 * The port through which presence is shared between nodes, implemented by the cluster adapter. When
 * it is {@link #active()}, a user's first and last socket on this node are recorded there, and it
 * fires {@link PresenceChanged} when they make the user online or offline on the whole cluster.
 */
public interface SharedPresence {

    /** True when this node shares presence with others (a cluster transport is in use). */
    boolean active();

    /** A user's first socket on this node opened ({@code online}), or their last one here closed. */
    void record(String user, boolean online);

    /** Which of these users have a socket on any node (one question for all of them). */
    Set<String> online(Collection<String> users);
}
