/** Presence over REST: who is online now, on any node. */
package dev.parley.presence.boundary;
