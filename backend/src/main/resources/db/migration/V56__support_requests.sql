-- A kontaktperson asks her coordinators for support (handledning now, or a call) or raises a worry about
-- her client, including that a child may be at risk (the organisation must then consider an orosanmälan).
-- What she writes is sealed at rest (FieldCipher, bound to the row); the worklist item names only the kind.
create table support_request (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    volunteer_id     uuid not null,
    client_id        uuid references client (id),
    kind             text not null check (kind in ('SUPPORT_NOW', 'CALL_ME', 'WORRY_ABOUT_CLIENT', 'CHILD_AT_RISK')),
    text             bytea check (octet_length(text) <= 16384),
    created_at       timestamptz not null
);
create index support_request_by_organisation on support_request (organisation_id, created_at desc);
