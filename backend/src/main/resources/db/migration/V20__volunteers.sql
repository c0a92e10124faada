-- Volunteers (kontaktpersoner) of an organisation, from public application to end. Personal fields are
-- sealed with the field cipher (AES-256-GCM; the associated data binds each value to its column and row),
-- because an application is personal data (GDPR Art. 6/7) and an insider or a stolen backup must not read
-- it. Only what the coordinator overview groups or counts by is in clear: state, region, languages,
-- availability slots and capacity.
create table volunteer (
    id                        uuid primary key,
    organisation_id           uuid not null references organisation (id),
    state                     text not null check (state in ('APPLIED', 'INTERVIEW_BOOKED', 'INTERVIEWED',
                                  'IN_TRAINING', 'TRAINED', 'APPROVED', 'ACTIVE', 'PAUSED', 'ENDED', 'WITHDRAWN',
                                  'NOT_SUITABLE')),
    state_since               timestamptz not null,
    name_sealed               bytea not null,
    email_sealed              bytea,
    phone_sealed              bytea,
    -- ISO 639 codes, e.g. {sv,ar,ku}
    languages                 text[] not null check (cardinality(languages) between 1 and 10),
    -- ISO 3166-2:SE county (län) code, e.g. SE-E for Östergötland
    region                    text not null check (region ~ '^SE-[A-Z]{1,2}$'),
    municipality              text check (length(municipality) between 1 and 100),
    -- weekly slots, e.g. {THURSDAY:EVENING,SATURDAY:AFTERNOON}
    availability              text[] not null check (cardinality(availability) <= 21),
    hours_per_month           int not null check (hours_per_month between 1 and 200),
    max_clients               int not null check (max_clients between 1 and 3),
    digital_support           boolean not null,
    availability_note_sealed  bytea,
    motivation_sealed         bytea not null,
    -- The version of the consent text the applicant agreed to (GDPR Art. 7(1): the controller must be
    -- able to show what was consented to, and when).
    consent_version           text not null check (length(consent_version) between 1 and 40),
    consent_at                timestamptz not null,
    applied_at                timestamptz not null,
    check (email_sealed is not null or phone_sealed is not null)
);
create index volunteer_organisation_state on volunteer (organisation_id, state);

-- Every change of a volunteer's state: who, when, why. The reason is free text written by a coordinator
-- and may say personal things ("moved for her studies"), so it is sealed too. The first entry of each
-- volunteer is the application itself (no from-state).
create table volunteer_transition (
    id               uuid primary key,
    seq              bigint generated always as identity unique,
    volunteer_id     uuid not null references volunteer (id),
    organisation_id  uuid not null references organisation (id),
    from_state       text,
    to_state         text not null,
    at               timestamptz not null,
    actor_kind       text not null check (actor_kind in ('STAFF', 'DEVICE', 'ANONYMOUS', 'SYSTEM')),
    actor_id         uuid,
    reason_sealed    bytea,
    check ((from_state is null and to_state = 'APPLIED') or (from_state is not null and to_state <> 'APPLIED'))
);
create index volunteer_transition_volunteer on volunteer_transition (volunteer_id, seq);
create index volunteer_transition_organisation on volunteer_transition (organisation_id, to_state);
