-- Time and expense reports for arvode and omkostnadsersättning: one per insats and month, reported by the
-- kontaktperson, approved or returned by the handläggare. Amounts are kept in öre (integers), never floats.
create table time_report (
    id               uuid primary key,
    insats_id        uuid not null references insats (id),
    organisation_id  uuid not null references organisation (id),
    municipality_id  uuid not null references municipality (id),
    volunteer_id     uuid not null,
    month            date not null check (extract(day from month) = 1),
    contacts         int not null check (contacts between 0 and 1000),
    -- Hundredths of an hour: 1.5 h is 150.
    hours_centi      int not null check (hours_centi between 0 and 74400),
    state            text not null check (state in ('SUBMITTED', 'APPROVED', 'RETURNED')),
    return_comment   bytea,
    submissions      int not null default 1 check (submissions > 0),
    submitted_at     timestamptz not null,
    decided_at       timestamptz,
    decided_by       uuid,
    unique (insats_id, month),
    check ((state = 'SUBMITTED') = (decided_at is null)),
    check ((state = 'RETURNED') = (return_comment is not null))
);
create index time_report_municipality on time_report (municipality_id, month, state);
create index time_report_volunteer on time_report (organisation_id, volunteer_id, month);

create table time_report_expense (
    report_id    uuid not null references time_report (id) on delete cascade,
    position     int not null check (position between 0 and 49),
    description  bytea not null,
    amount_ore   bigint not null check (amount_ore between 0 and 10000000),
    primary key (report_id, position)
);
