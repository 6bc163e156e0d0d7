/**
 * Notification use cases: publishing (to listed users in one transaction, to everyone in batched
 * chunks), the inbox and its delivered/read/archived state ({@link dev.parley.notifications.control.NotificationService}),
 * preferences ({@link dev.parley.notifications.control.PreferenceService}), and the after-commit push
 * through the delivery port.
 */
package dev.parley.notifications.control;
