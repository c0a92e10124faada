-- Signed X25519 pre-keys (docs/protocol.md §2, §8). Public halves only; the signature was verified with
-- the device's identity key before the row was written. The current pre-key of a device is its row with
-- superseded_at null; superseded rows stay for R + C so that recipients can still authenticate envelopes
-- sealed with them, and are then deleted by the retention job.
create table signed_pre_key (
    device_id      uuid not null references device (id) on delete cascade,
    key_id         bigint not null check (key_id between 0 and 4294967295),
    public_key     bytea not null check (length(public_key) = 32),
    signature      bytea not null check (length(signature) = 64),
    uploaded_at    timestamptz not null,
    superseded_at  timestamptz,
    primary key (device_id, key_id)
);
-- At most one current pre-key per device.
create unique index signed_pre_key_current on signed_pre_key (device_id) where superseded_at is null;
create index signed_pre_key_superseded on signed_pre_key (superseded_at) where superseded_at is not null;
