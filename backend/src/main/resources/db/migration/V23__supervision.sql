-- Supervision (handledning) of volunteers in the role, in a group or one to one (seed 001:553: "kanske
-- även får stöd i sin roll"). Only the fact of the session and who attended: nothing said is stored.
create table supervision_session (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    held_at          timestamptz not null,
    kind             text not null check (kind in ('GROUP', 'INDIVIDUAL')),
    minutes          int not null check (minutes between 15 and 480),
    created_by       uuid not null references staff_account (id),
    created_at       timestamptz not null
);
create index supervision_session_organisation on supervision_session (organisation_id, held_at);

create table supervision_attendance (
    session_id    uuid not null references supervision_session (id),
    volunteer_id  uuid not null references volunteer (id),
    recorded_by   uuid not null references staff_account (id),
    recorded_at   timestamptz not null,
    primary key (session_id, volunteer_id)
);
create index supervision_attendance_volunteer on supervision_attendance (volunteer_id);
