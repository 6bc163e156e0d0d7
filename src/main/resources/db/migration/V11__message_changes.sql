-- Edits, deletions and reactions (issue 18). Each change takes the next seq of its conversation, like
-- a message, so resume and gap repair replay it in order; the message row keeps the current state.

alter table message add column edited_at timestamp with time zone;
-- A deleted message keeps its row and seq (a tombstone): its text is emptied and its files detached.
alter table message add column deleted_at timestamp with time zone;

create table message_change (
    conversation_id  varchar(100) not null references conversation (id) on delete cascade,
    seq              bigint       not null,
    -- message.edited, message.deleted, reaction.added, reaction.removed
    kind             varchar(20)  not null,
    message_id       varchar(36)  not null references message (id) on delete cascade,
    message_seq      bigint       not null,
    actor            varchar(32)  not null,
    -- The new text of an edit; emptied when the message is deleted later.
    body             varchar(8000),
    emoji            varchar(32),
    changed_at       timestamp with time zone not null,
    primary key (conversation_id, seq)
);

create index message_change_by_message on message_change (message_id);

create table reaction (
    message_id  varchar(36) not null references message (id) on delete cascade,
    username    varchar(32) not null,
    emoji       varchar(32) not null,
    reacted_at  timestamp with time zone not null,
    primary key (message_id, username, emoji)
);
