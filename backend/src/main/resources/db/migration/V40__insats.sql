-- The kontaktperson insats: what a municipality (beställare) and an organisation (utförare) must exchange
-- about one client, and nothing more. Bredvid is not the municipality's case record: the person is a
-- pseudonym (matching's client), linked to the municipality's own case reference (diarienummer).
-- Free text and the case reference are sealed with the field cipher (threat model 2).
create table insats (
    id                     uuid primary key,
    organisation_id        uuid not null references organisation (id),
    municipality_id        uuid not null references municipality (id),
    -- The organisation's client (matching module); never joined here, reached through matching.Assignments.
    client_id              uuid not null,
    assignment_id          uuid unique,
    volunteer_id           uuid,
    origin                 text not null check (origin in ('ORGANISATION', 'MUNICIPALITY')),
    state                  text not null check (state in ('REQUESTED', 'AWAITING_CONSENT', 'PROPOSED', 'GRANTED',
                                                          'REFUSED', 'WITHDRAWN', 'ENDED')),
    protected_identity     boolean not null,
    needs                  text[] not null default '{}',
    -- The proposal's or the referral's free-text summary of needs.
    summary                bytea,
    case_reference         bytea,
    -- Who at the municipality the organisation contacts (003:783-797): sealed JSON.
    municipality_contact   bytea,
    investigation_outcome  text check (investigation_outcome in ('SUITABLE', 'NOT_SUITABLE')),
    investigated_on        date,
    investigation_note     bytea,
    ended_on               date,
    end_reason             text check (end_reason in ('GOAL_REACHED', 'NEED_CHANGED', 'CLIENT_ENDED', 'MOVED', 'OTHER')),
    -- The organisation's assignment closed (e.g. the client ended the contact) before the municipality ended the insats.
    assignment_closed_at   timestamptz,
    -- When the municipality first saw it: at the referral, or when the client consented to the proposal.
    -- A proposal withdrawn before that stays invisible to the municipality for good (003:755).
    shared_at              timestamptz,
    created_at             timestamptz not null,
    updated_at             timestamptz not null,
    check (state not in ('PROPOSED', 'GRANTED', 'REFUSED', 'ENDED') or (assignment_id is not null and volunteer_id is not null)),
    check ((state = 'ENDED') = (ended_on is not null and end_reason is not null)),
    check ((investigation_outcome is null) = (investigated_on is null)),
    check (state in ('AWAITING_CONSENT', 'WITHDRAWN') or shared_at is not null)
);
-- A client has at most one open insats at a time.
create unique index insats_one_open_per_client on insats (client_id)
    where state in ('REQUESTED', 'AWAITING_CONSENT', 'PROPOSED', 'GRANTED');
create index insats_org on insats (organisation_id, created_at);
create index insats_municipality on insats (municipality_id, created_at);
create index insats_volunteer on insats (organisation_id, volunteer_id) where state = 'GRANTED';

-- The client's consent to sharing with the municipality (003:755): a record with a scope, revocable.
create table insats_consent (
    id               uuid primary key,
    insats_id        uuid not null references insats (id),
    organisation_id  uuid not null references organisation (id),
    scope            text[] not null check (scope <@ array['PROPOSAL', 'FOLLOW_UP']::text[] and cardinality(scope) > 0),
    form             text not null check (form in ('ORAL', 'WRITTEN', 'IN_APP')),
    given_on         date not null,
    recorded_by      uuid not null,
    recorded_at      timestamptz not null,
    revoked_at       timestamptz,
    revoked_by       uuid
);
create unique index insats_consent_one_valid on insats_consent (insats_id) where revoked_at is null;

-- Decisions (beslut): the first grants or refuses; later ones change period or scope. Never updated.
create table insats_decision (
    id               uuid primary key,
    insats_id        uuid not null references insats (id),
    version          int not null check (version > 0),
    kind             text not null check (kind in ('INITIAL', 'CHANGE')),
    outcome          text not null check (outcome in ('GRANTED', 'REFUSED')),
    decided_on       date not null,
    legal_basis      text not null check (length(legal_basis) between 1 and 200),
    period_start     date,
    period_end       date,
    hours_per_month  int check (hours_per_month between 1 and 200),
    follow_up_on     date,
    refusal_reason   bytea,
    decided_by       uuid not null,
    created_at       timestamptz not null,
    unique (insats_id, version),
    check (outcome = 'REFUSED' or (period_start is not null and period_end > period_start and hours_per_month is not null
                                   and follow_up_on between period_start and period_end)),
    check ((outcome = 'REFUSED') = (refusal_reason is not null)),
    check (kind = 'INITIAL' or outcome = 'GRANTED')
);

-- The uppdrag (what and why, 003:751), renewed as the investigation deepens (003:757): versioned.
create table insats_uppdrag (
    insats_id   uuid not null references insats (id),
    version     int not null check (version > 0),
    what        bytea not null,
    why         bytea not null,
    written_by  uuid not null,
    written_at  timestamptz not null,
    primary key (insats_id, version)
);

-- The genomförandeplan, made by the utförare with the person (003:763): versioned, visible to both.
create table insats_plan (
    insats_id             uuid not null references insats (id),
    version               int not null check (version > 0),
    goals                 bytea not null,
    made_with_client_on   date not null,
    drafted_by_kind       text not null check (drafted_by_kind in ('COORDINATOR', 'VOLUNTEER')),
    drafted_by            uuid not null,
    created_at            timestamptz not null,
    primary key (insats_id, version)
);

-- Follow-ups (003:771-777): contact with both the person and the utförare; the board's assessment.
create table insats_follow_up (
    id                    uuid primary key,
    insats_id             uuid not null references insats (id),
    planned_on            date not null,
    reminded_at           timestamptz,
    provider_report       bytea,
    provider_reported_at  timestamptz,
    client_view           bytea,
    client_view_shared    boolean,
    client_answered_at    timestamptz,
    held_on               date,
    assessment            bytea,
    outcome               text check (outcome in ('CONTINUE', 'CHANGE', 'END')),
    decision_id           uuid references insats_decision (id),
    assessed_by           uuid,
    completed_at          timestamptz,
    created_at            timestamptz not null,
    check ((completed_at is null) = (outcome is null)),
    check ((completed_at is null) = (held_on is null)),
    check ((client_view is null) = (client_answered_at is null))
);
create unique index insats_follow_up_one_open on insats_follow_up (insats_id) where completed_at is null;
create index insats_follow_up_due on insats_follow_up (planned_on) where completed_at is null and reminded_at is null;
