-- A batch of sends looks up the retried ones with "client_msg_id in (…) and sender in (…)": H2 can
-- use an IN list only on an index's first column, so the unique key leads with client_msg_id (the
-- selective one), not with sender (whose every message the lookup would otherwise read).
alter table message drop constraint message_client_id_unique;
alter table message add constraint message_client_id_unique unique (client_msg_id, sender);
