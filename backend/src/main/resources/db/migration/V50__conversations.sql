-- A conversation exists for one assignment (client ↔ kontaktperson) and only while it is active. Its
-- members are every active device of the two subjects, resolved at each request (a newly paired device
-- joins at once, a revoked one leaves at once). The server learns who talks to whom, nothing more
-- (docs/protocol.md §9).
create table conversation (
    id               uuid primary key,
    assignment_id    uuid not null unique,
    organisation_id  uuid not null references organisation (id),
    client_id        uuid not null,
    volunteer_id     uuid not null,
    opened_at        timestamptz not null,
    closed_at        timestamptz,
    check (closed_at is null or closed_at >= opened_at)
);
create index conversation_client on conversation (organisation_id, client_id);
create index conversation_volunteer on conversation (organisation_id, volunteer_id);
create index conversation_closed on conversation (closed_at) where closed_at is not null;
