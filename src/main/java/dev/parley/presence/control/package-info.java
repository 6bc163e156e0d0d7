/**
 * Presence: who is online. {@link dev.parley.presence.control.PresenceService} turns a user's first and
 * last socket into {@link dev.parley.presence.control.PresenceChanged}, on one node by itself and on
 * several through the {@link dev.parley.presence.control.SharedPresence} port that the cluster adapter
 * implements. Chat shows it to co-members; integration publishes it as events.
 */
package dev.parley.presence.control;
