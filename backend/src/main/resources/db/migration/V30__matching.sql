-- Clients under generated pseudonyms, the matching facts about volunteers, and assignments.
-- No real name, personal number, address or phone of a client is ever stored (threat model 4).
create table client (
    id                  uuid primary key,
    organisation_id     uuid not null references organisation (id),
    pseudonym           text not null check (pseudonym ~ '^[A-ZÅÄÖ][a-zåäö]*-[A-ZÅÄÖ][a-zåäö]*-[0-9]{2,3}$'),
    -- The matching profile (languages, region, communities, needs, wishes, exclusions), sealed with the
    -- field cipher: it holds special-category data (ethnic and religious background) and named exclusions.
    profile             bytea not null,
    protected_identity  boolean not null default false,
    municipality_id     uuid references municipality (id),
    -- Who at the municipality the organisation contacts about a protected client (003:783-797).
    municipality_contact bytea,
    status              text not null check (status in ('WAITING', 'MATCHED', 'CLOSED')),
    waiting_since       timestamptz,
    created_at          timestamptz not null,
    unique (organisation_id, pseudonym),
    check ((status = 'WAITING') = (waiting_since is not null))
);
create index client_waiting on client (organisation_id, waiting_since) where status = 'WAITING';

create table volunteer_match_info (
    volunteer_id        uuid primary key,
    organisation_id     uuid not null references organisation (id),
    -- gender, age, communities, interests, support areas, reachable regions: sealed like the client profile.
    info                bytea not null,
    updated_at          timestamptz not null
);
create index volunteer_match_info_org on volunteer_match_info (organisation_id);

create table assignment (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    client_id        uuid not null references client (id),
    volunteer_id     uuid not null,
    kind             text not null check (kind in ('IDEELL', 'INSATS')),
    state            text not null check (state in ('PROPOSED', 'AWAITING_DECISION', 'ACTIVE', 'PAUSED', 'ENDED')),
    end_reason       text check (end_reason in ('GOAL_REACHED', 'CLIENT_ENDED', 'VOLUNTEER_ENDED', 'SAFETY', 'MOVED', 'DECISION_REFUSED', 'OTHER')),
    -- Ended by the client or for safety: the engine never proposes this pair again.
    for_cause        boolean not null default false,
    created_at       timestamptz not null,
    activated_at     timestamptz,
    ended_at         timestamptz,
    check ((state = 'ENDED') = (end_reason is not null and ended_at is not null)),
    check (kind = 'INSATS' or state <> 'AWAITING_DECISION')
);
-- A client has at most one open assignment at a time.
create unique index assignment_one_open_per_client on assignment (client_id) where state <> 'ENDED';
create index assignment_volunteer on assignment (organisation_id, volunteer_id) where state <> 'ENDED';

create table assignment_transition (
    id             bigserial primary key,
    assignment_id  uuid not null references assignment (id),
    from_state     text,
    to_state       text not null,
    actor_kind     text not null,
    actor_id       uuid,
    reason         text check (length(reason) <= 500),
    at             timestamptz not null
);
create index assignment_transition_assignment on assignment_transition (assignment_id, at);

-- A client's concern about their kontaktperson, for the coordinators (sealed: it is the client's words).
create table client_report (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    client_id        uuid not null references client (id),
    assignment_id    uuid references assignment (id),
    text             bytea not null,
    created_at       timestamptz not null,
    handled_at       timestamptz
);
create index client_report_open on client_report (organisation_id, created_at) where handled_at is null;
