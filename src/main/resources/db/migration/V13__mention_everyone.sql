-- Who may notify a whole room with @here, @channel, @room or @everyone (issue 18): ADMINS (the room's
-- creator and administrators) or MEMBERS (anyone in it).
alter table conversation add column mention_everyone varchar(8) default 'ADMINS' not null;
