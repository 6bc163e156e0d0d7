/**
 * Presence: who is online. {@link dev.parley.presence.control.PresenceService} turns a user's first and
 * last socket into {@link dev.parley.presence.control.PresenceChanged}, on one node by itself and on
 * several through the {@link dev.parley.presence.control.SharedPresence} port that the cluster adapter
 * implements. Chat shows it to those who share a small conversation with the user or watch them; integration publishes it as events.
 */
package dev.parley.presence.control;
