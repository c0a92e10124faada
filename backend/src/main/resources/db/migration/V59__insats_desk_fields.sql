-- A refusal is documented with how to appeal it (issue 15; seeds: the decision tells the person how to
-- överklaga); sealed like the refusal reason. Nullable: decisions made before this migration have none.
alter table insats_decision add column appeal_information bytea;
alter table insats_decision add constraint insats_decision_appeal_only_refused
    check (appeal_information is null or outcome = 'REFUSED');

-- How a follow-up was held (003:777: document when and how the insats was followed up): the form of contact
-- and whether the person took part. Nullable: follow-ups assessed before this migration have neither.
alter table insats_follow_up add column held_how text check (held_how in ('MEETING', 'PHONE', 'VIDEO'));
alter table insats_follow_up add column held_with_client boolean;

-- The municipality's own arvode rate per hour (issue 15): the desk shows each time report's arvode as
-- hours × rate beside the hours. Set by the municipality's handläggare; none until set.
create table insats_arvode_rate (
    municipality_id  uuid primary key references municipality (id),
    per_hour_ore     bigint not null check (per_hour_ore between 0 and 10000000),
    updated_by       uuid not null,
    updated_at       timestamptz not null
);
