/**
 * The notification domain: {@link dev.parley.notifications.entity.Notification} (one per recipient, with
 * its delivered/read/archived state), {@link dev.parley.notifications.entity.Priority}, and
 * {@link dev.parley.notifications.entity.Preferences}, the rule that decides whether a notification is
 * pushed (category enabled, minimum priority, quiet hours in the user's zone, urgent always), and
 * {@link dev.parley.notifications.entity.ChatNotificationDue}, a message that may become a chat
 * notification once its delay has passed.
 */
package dev.parley.notifications.entity;
