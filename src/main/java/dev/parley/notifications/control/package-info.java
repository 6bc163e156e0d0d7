/**
 * Notification use cases: publishing ({@link dev.parley.notifications.control.NotificationPublisher}:
 * to listed users in one transaction), broadcasts to everyone stored in chunks
 * ({@link dev.parley.notifications.control.BroadcastStore}), the inbox and its delivered/read/archived
 * state ({@link dev.parley.notifications.control.NotificationInbox}; sockets' {@code ack} and
 * {@code read} frames committed in batches by {@link dev.parley.notifications.control.NotificationMarks}), durable delayed chat
 * notifications ({@link dev.parley.notifications.control.ChatNotifier}),
 * preferences ({@link dev.parley.notifications.control.PreferenceService}), live topics
 * ({@link dev.parley.notifications.control.TopicService}), and the after-commit push through the
 * delivery port. Each notification socket's state lives here too: its {@link dev.parley.notifications.control.Inbox}
 * (backlog then live, each notification once) and its topics ({@link dev.parley.notifications.control.TopicIndex},
 * which paces each topic's updates);
 * {@link dev.parley.notifications.control.NotificationsReceiver} takes this node's envelopes.
 */
package dev.parley.notifications.control;
