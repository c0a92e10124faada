-- Issue 15: organisations and municipalities can be deactivated (their staff cannot sign in, they receive
-- no new referrals or proposals; their data stays), and which municipalities work with which organisations.
-- A referral (municipality -> organisation) and a proposal (organisation -> municipality) go only between a
-- linked pair. Existing installations keep today's behaviour: every existing pair is linked here, and the
-- admin removes the links that do not hold (docs/insats.md).
alter table organisation add column active boolean not null default true;
alter table municipality add column active boolean not null default true;

create table tenant_link (
    municipality_id  uuid not null references municipality (id),
    organisation_id  uuid not null references organisation (id),
    created_at       timestamptz not null,
    primary key (municipality_id, organisation_id)
);
create index tenant_link_organisation on tenant_link (organisation_id);

insert into tenant_link (municipality_id, organisation_id, created_at)
select m.id, o.id, now() from municipality m cross join organisation o;

-- Deactivating a tenant ends every session of its staff, under a reason of its own.
alter table auth_session drop constraint auth_session_revoke_reason_check;
alter table auth_session add constraint auth_session_revoke_reason_check
    check (revoke_reason in ('LOGOUT', 'ADMIN', 'REUSE_DETECTED', 'DEVICE_REVOKED', 'ACCOUNT_DISABLED', 'TENANT_DEACTIVATED'));
