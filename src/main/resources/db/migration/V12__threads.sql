-- Threads (issue 18): a reply is a message of its conversation (it takes a seq like any other) that
-- names the seq of its thread's first message, and its place in that thread (1, 2, …), so that a
-- client can count a thread's replies from any reply it holds, in any order.
alter table message add column thread_seq bigint;
alter table message add column thread_index integer;

create index message_by_thread on message (conversation_id, thread_seq, seq);
