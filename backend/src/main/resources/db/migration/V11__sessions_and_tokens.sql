-- A session is one sign-in of a staff member or a device; its refresh tokens form one family.
-- Revoking the session (logout, admin, device revocation, refresh-token reuse) ends every token of it.
create table auth_session (
    id              uuid primary key,
    subject_kind    text not null check (subject_kind in ('STAFF', 'DEVICE')),
    subject_id      uuid not null,
    created_at      timestamptz not null,
    expires_at      timestamptz not null,
    revoked_at      timestamptz,
    revoke_reason   text check (revoke_reason in ('LOGOUT', 'ADMIN', 'REUSE_DETECTED', 'DEVICE_REVOKED', 'ACCOUNT_DISABLED'))
);
create index auth_session_subject on auth_session (subject_kind, subject_id);
create index auth_session_revoked on auth_session (revoked_at) where revoked_at is not null;

create table refresh_token (
    token_hash   bytea primary key check (length(token_hash) = 32),
    session_id   uuid not null references auth_session (id) on delete cascade,
    issued_at    timestamptz not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create index refresh_token_session on refresh_token (session_id);
