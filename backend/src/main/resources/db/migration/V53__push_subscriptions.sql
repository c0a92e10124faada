-- Web Push subscriptions, one per device (docs/protocol.md §10). The endpoint is a capability for
-- waking that device through its browser's push service; it is never logged. A push carries only the
-- fixed {"t":"wake"}.
create table push_subscription (
    device_id     uuid primary key references device (id) on delete cascade,
    endpoint      text not null check (length(endpoint) <= 2048),
    p256dh        bytea not null check (length(p256dh) = 65),
    auth          bytea not null check (length(auth) = 16),
    created_at    timestamptz not null,
    last_push_at  timestamptz
);
