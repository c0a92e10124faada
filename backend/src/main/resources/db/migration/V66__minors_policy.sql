-- Issue 15: clients under 18 (seed 001:473: a team may not have its own contact with a child under 18 unless
-- socialtjänsten is involved). Each organisation chooses its rule; without a row it is INSATS_ONLY: a client
-- aged 13-17 is matched only within an insats the municipality decided. Under RECORDED_STEP a voluntary
-- assignment is allowed once a coordinator has recorded a step on the client: the guardian's consent or
-- socialtjänsten's involvement, with its date and an optional note (sealed like the profile).
create table organisation_minors_policy (
    organisation_id  uuid primary key references organisation (id),
    policy           text not null check (policy in ('INSATS_ONLY', 'RECORDED_STEP')),
    updated_by       uuid not null,
    updated_at       timestamptz not null
);

alter table client add column minor_step_kind text check (minor_step_kind in ('GUARDIAN_CONSENT', 'SOCIALTJANST_INVOLVED'));
alter table client add column minor_step_on date;
alter table client add column minor_step_note bytea;
alter table client add column minor_step_by uuid;
alter table client add column minor_step_at timestamptz;
alter table client add constraint client_minor_step_whole
    check ((minor_step_kind is null) = (minor_step_on is null) and (minor_step_kind is null) = (minor_step_at is null));
