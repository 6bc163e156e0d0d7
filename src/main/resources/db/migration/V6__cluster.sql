-- Several nodes: who is alive, which node holds sockets of which user, and topic last values.

-- Each running node, with a heartbeat every few seconds; a node whose heartbeat stops is swept, and
-- its users go offline unless another node holds their sockets.
create table cluster_node (
    node_id       varchar(64) not null primary key,
    started_at    timestamp with time zone not null,
    heartbeat_at  timestamp with time zone not null
);

-- A user is online while any node holds one of their sockets: one row per user and node.
create table presence (
    username  varchar(32) not null references account (username) on delete cascade,
    node_id   varchar(64) not null,
    primary key (username, node_id)
);

create index presence_node on presence (node_id);

-- The last value of each live topic, so a node that starts (or a subscriber on any node) gets it.
create table topic_value (
    topic         varchar(128)  not null primary key,
    frame         varchar(40000) not null,
    published_at  timestamp with time zone not null
);
