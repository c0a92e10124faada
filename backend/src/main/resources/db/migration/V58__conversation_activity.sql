-- When a pair last wrote to each other, for the coordinator's match support (issue 13): a time only, never
-- content, one row per conversation. Envelopes are deleted once delivered, so their timestamps cannot answer
-- "how long since they last talked"; this row can, and goes with its conversation at retention.
create table conversation_activity (
    conversation_id  uuid primary key references conversation (id) on delete cascade,
    last_message_at  timestamptz not null
);

insert into conversation_activity (conversation_id, last_message_at)
select conversation_id, max(received_at) from envelope group by conversation_id;
