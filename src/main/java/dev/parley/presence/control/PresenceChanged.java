package dev.parley.presence.control;

/** A user's first socket opened ({@code online}) or last socket closed (offline). */
public record PresenceChanged(String user, boolean online) {
}
