-- One row naming this installation. Every node on the same database reads the same id, and traffic
-- between nodes (a Hazelcast topic, JMS messages) is scoped by it, so two installations that share a
-- data grid or a broker never see each other's envelopes. (Plain SQL that H2 and PostgreSQL accept.)
create table installation (
    singleton  integer      not null primary key check (singleton = 1),
    id         varchar(200) not null
);

insert into installation (singleton, id)
values (1, cast(random() as varchar(40)) || '/' || cast(random() as varchar(40)) || '/' || cast(current_timestamp as varchar(60)));
