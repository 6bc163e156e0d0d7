-- Publications to everyone are stored in the background: the request records the broadcast and one
-- row per recipient (with its notification id already taken), and a worker turns those rows into
-- notifications in batches, deleting them as it goes. A restart resumes whatever rows are left.

create table broadcast (
    id          varchar(36)   not null primary key,
    category    varchar(64)   not null,
    priority    varchar(8)    not null,
    title       varchar(200)  not null,
    body        varchar(4000),
    url         varchar(2000),
    data        varchar(16000),
    created_at  timestamp with time zone not null
);

create table broadcast_recipient (
    notification_id  bigint      not null primary key,
    broadcast_id     varchar(36) not null references broadcast (id) on delete cascade,
    username         varchar(32) not null
);

create index broadcast_recipient_by_broadcast on broadcast_recipient (broadcast_id, notification_id);
