-- Issue 15: which model carries the insats, per municipality-organisation link (seed 001:209, 001:415).
-- PROVIDER: the organisation is the provider (utförare); the municipality pays the organisation. Today's
-- behaviour, and the default for every existing and new link. MUNICIPALITY: the municipality takes the
-- kontaktperson on in its own name as its uppdragstagare and pays her arvode through payroll; the organisation
-- recruited and trained her (the "Tjejer till tjejer" model). An insats records its link's model when it is
-- created: a later change of the link does not alter running insatser.
alter table tenant_link add column model text not null default 'PROVIDER' check (model in ('PROVIDER', 'MUNICIPALITY'));
alter table insats add column model text not null default 'PROVIDER' check (model in ('PROVIDER', 'MUNICIPALITY'));

-- In the MUNICIPALITY model the handläggare writes the genomförandeplan with the kontaktperson.
alter table insats_plan drop constraint insats_plan_drafted_by_kind_check;
alter table insats_plan add constraint insats_plan_drafted_by_kind_check
    check (drafted_by_kind in ('COORDINATOR', 'VOLUNTEER', 'HANDLAGGARE'));
