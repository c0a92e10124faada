-- Envelopes: ciphertext only (docs/protocol.md §5). One row per recipient device, numbered by a sequence
-- per recipient device that increases in commit order: the sequence is taken from device_queue under the
-- row lock of that queue, which is held until commit, so a later number is never visible before an
-- earlier one.
create table device_queue (
    device_id   uuid primary key references device (id) on delete cascade,
    last_seq    bigint not null default 0 check (last_seq >= 0),
    -- Highest sequence the device has acknowledged (processed); everything up to it may be deleted.
    acked_seq   bigint not null default 0 check (acked_seq >= 0 and acked_seq <= last_seq),
    acked_at    timestamptz
);

create table envelope (
    recipient_device_id  uuid not null references device (id) on delete cascade,
    seq                  bigint not null check (seq > 0),
    conversation_id      uuid not null references conversation (id) on delete cascade,
    sender_device_id     uuid not null references device (id) on delete cascade,
    message_id           uuid not null,
    sender_key_id        bigint not null check (sender_key_id between 0 and 4294967295),
    recipient_key_id     bigint not null check (recipient_key_id between 0 and 4294967295),
    enc                  bytea not null check (length(enc) = 32),
    -- 256-byte blocks of padded plaintext plus the 16-byte tag (§6, §7): the server learns only k.
    ct                   bytea not null check (length(ct) % 256 = 16 and length(ct) between 272 and 65808),
    received_at          timestamptz not null,
    primary key (recipient_device_id, seq),
    -- A retried post finds the envelope it stored the first time (§7).
    unique (conversation_id, sender_device_id, message_id, recipient_device_id),
    check (sender_device_id <> recipient_device_id)
);
create index envelope_received on envelope (received_at);
