-- Notifications (one row per recipient) and each user's notification preferences.

create sequence notification_seq start with 1 increment by 50;

create table notification (
    id          bigint        not null primary key,
    recipient   varchar(32)   not null references account (username) on delete cascade,
    category    varchar(64)   not null,
    priority    varchar(8)    not null,
    title       varchar(200)  not null,
    body        varchar(4000),
    url         varchar(2000),
    data        varchar(16000),
    created_at  timestamp with time zone not null,
    -- Decided from the recipient's preferences at creation: pushed live and in the backlog, or only listed.
    pushable    boolean       not null,
    delivered   boolean       not null default false,
    read_at     timestamp with time zone,
    archived    boolean       not null default false
);

create index notification_inbox on notification (recipient, archived, id);
create index notification_backlog on notification (recipient, delivered, pushable, id);

create table notification_preferences (
    username  varchar(32)    not null primary key references account (username) on delete cascade,
    document  varchar(16000) not null
);
