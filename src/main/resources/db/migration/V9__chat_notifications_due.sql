-- Chat notifications waiting for their delay (a direct message or a mention still unread after
-- PARLEY_CHAT_NOTIFY_DELAY_SECONDS becomes a notification). Written in the message's own
-- transaction, taken by whichever node's poller deletes the row first, so a node that dies inside the
-- delay loses nothing: another node creates the notification.
create table chat_notification_due (
    message_id  varchar(36) not null primary key references message (id) on delete cascade,
    due_at      timestamp with time zone not null
);

create index chat_notification_due_at on chat_notification_due (due_at);
