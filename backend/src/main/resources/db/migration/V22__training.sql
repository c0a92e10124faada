-- Training (Tjejer till tjejer: a group that meets once a week, about 8 times, about 3 hours each, by
-- themes; seed 001:417). The curriculum belongs to the organisation; cohorts meet in scheduled sessions,
-- each on one theme; a make-up session (no cohort) lets a volunteer catch up on a missed theme.
create table training_theme (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    position         int not null check (position between 1 and 50),
    title            text not null check (length(title) between 1 and 200),
    minutes          int not null check (minutes between 15 and 600),
    mandatory        boolean not null,
    unique (organisation_id, position)
);

create table training_cohort (
    id               uuid primary key,
    organisation_id  uuid not null references organisation (id),
    name             text not null check (length(name) between 1 and 100),
    starts_on        date,
    created_at       timestamptz not null,
    unique (organisation_id, name)
);

create table training_cohort_member (
    cohort_id     uuid not null references training_cohort (id),
    volunteer_id  uuid not null references volunteer (id),
    enrolled_at   timestamptz not null,
    primary key (cohort_id, volunteer_id)
);
create index training_cohort_member_volunteer on training_cohort_member (volunteer_id);

create table training_session (
    id                uuid primary key,
    organisation_id   uuid not null references organisation (id),
    cohort_id         uuid references training_cohort (id),
    theme_id          uuid not null references training_theme (id),
    starts_at         timestamptz not null,
    minutes           int not null check (minutes between 15 and 600),
    -- Guest lecturers may be women with own experience of honour-related violence (seed 001:417): their
    -- names are sealed like any other personal data.
    lecturer_sealed   bytea,
    created_at        timestamptz not null,
    -- A session without a cohort is a make-up session, open to any enrolled volunteer of the organisation.
    make_up           boolean not null,
    check (make_up or cohort_id is not null)
);
create index training_session_cohort on training_session (cohort_id, starts_at);
create index training_session_organisation on training_session (organisation_id, starts_at);

-- One row per volunteer present at a session; absence is the lack of a row.
create table training_attendance (
    session_id    uuid not null references training_session (id),
    volunteer_id  uuid not null references volunteer (id),
    recorded_by   uuid not null references staff_account (id),
    recorded_at   timestamptz not null,
    primary key (session_id, volunteer_id)
);
create index training_attendance_volunteer on training_attendance (volunteer_id);
