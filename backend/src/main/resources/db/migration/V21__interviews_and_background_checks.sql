-- Suitability interviews. Visible only to coordinators of the organisation; never to a handläggare or a
-- volunteer. The free notes and the interviewers' names are sealed; the structured scores are not, so
-- that they can be counted.
create table volunteer_interview (
    id                   uuid primary key,
    volunteer_id         uuid not null references volunteer (id),
    organisation_id      uuid not null references organisation (id),
    held_on              date not null,
    interviewers_sealed  bytea not null,
    motivation           smallint not null check (motivation between 1 and 5),
    time_available       smallint not null check (time_available between 1 and 5),
    understanding        smallint not null check (understanding between 1 and 5),
    suitability          text not null check (suitability in ('SUITABLE', 'UNCERTAIN', 'NOT_SUITABLE')),
    notes_sealed         bytea,
    recorded_by          uuid not null references staff_account (id),
    recorded_at          timestamptz not null
);
create index volunteer_interview_volunteer on volunteer_interview (volunteer_id, held_on);

-- That an extract from the criminal records register (utdrag ur belastningsregistret) was seen: its kind,
-- the date printed on it, when and by whom it was seen. Never the document or its contents: data on
-- offences may only be processed under official authority (GDPR Art. 10), and the organisation only
-- needs to show that it looked.
create table background_check (
    id               uuid primary key,
    volunteer_id     uuid not null references volunteer (id),
    organisation_id  uuid not null references organisation (id),
    kind             text not null check (kind in ('WORK_WITH_CHILDREN', 'CARE_HOMES', 'GENERAL')),
    issued_on        date not null,
    seen_on          date not null,
    seen_by          uuid not null references staff_account (id),
    recorded_at      timestamptz not null,
    check (seen_on >= issued_on)
);
create index background_check_volunteer on background_check (volunteer_id, issued_on);
