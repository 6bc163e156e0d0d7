/**
 * The {@code /notifications} edge: the WebSocket endpoint, a thin adapter, and
 * {@link dev.parley.notifications.boundary.NotificationsProtocol}, which decodes client frames by type.
 * The inbox, preferences and live topics build on this.
 */
package dev.parley.notifications.boundary;
