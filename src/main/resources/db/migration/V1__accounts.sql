-- Accounts and the credentials (API tokens and browser sessions) issued to them.
-- Plain SQL that both H2 and PostgreSQL accept.

create table account (
    username       varchar(32)  not null primary key,
    display_name   varchar(64)  not null,
    password_hash  varchar(255) not null,
    roles          varchar(64)  not null,
    failed_logins  integer      not null default 0,
    locked_until   timestamp with time zone,
    created_at     timestamp with time zone not null
);

-- A credential is stored only as the SHA-256 of the secret the client holds.
create table credential (
    token_hash  varchar(64)  not null primary key,
    username    varchar(32)  not null references account (username) on delete cascade,
    kind        varchar(16)  not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null
);

create index credential_by_username on credential (username);
create index credential_by_expiry on credential (expires_at);
