-- Devices of clients and kontaktpersoner: no password; an Ed25519 identity key registered with a
-- one-time pairing code, then challenge-response sign-in.
create table pairing_code (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    subject_kind     text not null check (subject_kind in ('CLIENT', 'VOLUNTEER')),
    subject_id       uuid not null,
    -- SHA-256 of the normalised code; the code itself is shown once and never stored.
    code_hash        bytea not null unique check (length(code_hash) = 32),
    created_by       uuid not null references staff_account (id),
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    redeemed_at      timestamptz,
    check (expires_at > created_at)
);
create index pairing_code_subject on pairing_code (organisation_id, subject_kind, subject_id);

create table device (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    subject_kind     text not null check (subject_kind in ('CLIENT', 'VOLUNTEER')),
    subject_id       uuid not null,
    identity_key     bytea not null unique check (length(identity_key) = 32),
    label            text check (length(label) <= 60),
    created_at       timestamptz not null,
    last_seen_at     timestamptz,
    revoked_at       timestamptz
);
create index device_subject on device (organisation_id, subject_kind, subject_id);

-- One-time sign-in challenges; a used or expired nonce is refused (no replay).
create table device_challenge (
    nonce        bytea primary key check (length(nonce) = 32),
    device_id    uuid not null references device (id) on delete cascade,
    issued_at    timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create index device_challenge_expiry on device_challenge (expires_at);
