-- Check-ins (DOMAIN.md): a schedule agreed by client and kontaktperson per conversation; each due
-- check-in is answered by the client with an encrypted envelope plus a cleartext status (OK,
-- WANT_CONTACT, NEED_HELP) so that the server can escalate. Nothing else of the answer reaches the server.
create table checkin_schedule (
    conversation_id  uuid primary key references conversation (id) on delete cascade,
    kind             text not null check (kind in ('WEEKLY', 'EVERY_N_DAYS')),
    day_of_week      smallint check (day_of_week between 1 and 7),
    every_days       smallint check (every_days between 1 and 90),
    time_of_day      time not null,
    zone             text not null check (length(zone) <= 64),
    grace_minutes    integer not null check (grace_minutes between 15 and 10080),
    starts_on        date not null,
    state            text not null check (state in ('PROPOSED', 'AGREED')),
    proposed_by      text not null check (proposed_by in ('CLIENT', 'VOLUNTEER')),
    proposed_at      timestamptz not null,
    agreed_at        timestamptz,
    check ((kind = 'WEEKLY' and day_of_week is not null and every_days is null)
        or (kind = 'EVERY_N_DAYS' and every_days is not null and day_of_week is null)),
    check ((state = 'AGREED') = (agreed_at is not null))
);

create table checkin (
    id               uuid primary key,
    conversation_id  uuid not null references conversation (id) on delete cascade,
    due_at           timestamptz not null,
    deadline_at      timestamptz not null,
    -- false: opened by the client outside the schedule (e.g. to ask for help at once)
    scheduled        boolean not null,
    status           text not null check (status in ('PENDING', 'ANSWERED', 'MISSED')),
    answer           text check (answer in ('OK', 'WANT_CONTACT', 'NEED_HELP')),
    answered_at      timestamptz,
    missed_at        timestamptz,
    -- the client-chosen message id of the envelopes that carry the encrypted answer
    message_id       uuid,
    check (deadline_at > due_at),
    check ((status = 'ANSWERED') = (answer is not null and answered_at is not null and message_id is not null))
);
create unique index checkin_scheduled_due on checkin (conversation_id, due_at) where scheduled;
create index checkin_pending_deadline on checkin (deadline_at) where status = 'PENDING';
create index checkin_due on checkin (due_at);

-- In-app notifications for the kontaktperson's devices and the organisation's coordinators. They name a
-- kind and the conversation, never any content.
create table checkin_notification (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    audience         text not null check (audience in ('VOLUNTEER', 'COORDINATORS')),
    volunteer_id     uuid,
    kind             text not null check (kind in ('CHECKIN_MISSED', 'WANT_CONTACT', 'NEED_HELP')),
    conversation_id  uuid not null references conversation (id) on delete cascade,
    checkin_id       uuid not null references checkin (id) on delete cascade,
    created_at       timestamptz not null,
    read_at          timestamptz,
    check ((audience = 'VOLUNTEER') = (volunteer_id is not null))
);
create index checkin_notification_volunteer on checkin_notification (organisation_id, volunteer_id, created_at);
create index checkin_notification_coordinators on checkin_notification (organisation_id, created_at)
    where audience = 'COORDINATORS';
