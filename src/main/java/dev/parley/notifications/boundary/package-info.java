/**
 * The notifications edge: the {@code /notifications} WebSocket endpoint and its fallback stream
 * {@code /stream/notifications} (thin adapters),
 * {@link dev.parley.notifications.boundary.NotificationsProtocol} with its one switch over frame types,
 * and the REST resources for publishing, the inbox and preferences.
 */
package dev.parley.notifications.boundary;
