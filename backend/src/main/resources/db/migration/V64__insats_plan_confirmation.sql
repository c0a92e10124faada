-- The client confirms, on her own phone, that she took part in making the genomförandeplan (seed 003:763:
-- the plan is made together with the person). One row per plan version she confirmed: a new version needs a
-- new confirmation. Nothing free-text; deleted with the insats (gallring).
create table insats_plan_confirmation (
    insats_id     uuid not null,
    version       int not null,
    confirmed_on  date not null,
    confirmed_at  timestamptz not null,
    -- The client's device that confirmed (identity module's device id; not joined).
    device_id     uuid not null,
    primary key (insats_id, version),
    foreign key (insats_id, version) references insats_plan (insats_id, version) on delete cascade
);
