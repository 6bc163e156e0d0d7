-- Conversations (rooms and direct conversations), their members, messages and attachments.
-- Plain SQL that both H2 and PostgreSQL accept.

create table conversation (
    id          varchar(100) not null primary key,
    kind        varchar(8)   not null,   -- ROOM or DIRECT
    visibility  varchar(8)   not null,   -- PUBLIC or PRIVATE (direct conversations are PRIVATE)
    title       varchar(80),
    created_by  varchar(32),
    created_at  timestamp with time zone not null,
    -- The last sequence number handed out: a send locks this row, so seq is gap-free on any node.
    last_seq    bigint       not null default 0
);

create index conversation_by_kind on conversation (kind, visibility);

create table membership (
    conversation_id  varchar(100) not null references conversation (id) on delete cascade,
    username         varchar(32)  not null references account (username) on delete cascade,
    joined_at        timestamp with time zone not null,
    -- Highest seq the member has read; never moves backwards.
    read_seq         bigint       not null default 0,
    primary key (conversation_id, username)
);

create index membership_by_username on membership (username);

create table message (
    id               varchar(36)  not null primary key,
    conversation_id  varchar(100) not null references conversation (id) on delete cascade,
    seq              bigint       not null,
    sender           varchar(32)  not null,
    body             varchar(8000) not null,
    client_msg_id    varchar(64)  not null,
    sent_at          timestamp with time zone not null,
    constraint message_seq_unique unique (conversation_id, seq),
    constraint message_client_id_unique unique (sender, client_msg_id)
);

create table attachment (
    id            varchar(36)  not null primary key,
    uploader      varchar(32)  not null references account (username) on delete cascade,
    name          varchar(255) not null,
    content_type  varchar(100) not null,
    size_bytes    bigint       not null,
    created_at    timestamp with time zone not null
);

-- The bytes live apart from the metadata, so listing attachments never loads them.
create table attachment_content (
    attachment_id  varchar(36) not null primary key references attachment (id) on delete cascade,
    data           bytea       not null
);

create table message_attachment (
    message_id     varchar(36) not null references message (id) on delete cascade,
    attachment_id  varchar(36) not null references attachment (id) on delete cascade,
    position       integer     not null,
    primary key (message_id, attachment_id)
);

create index message_attachment_by_attachment on message_attachment (attachment_id);
