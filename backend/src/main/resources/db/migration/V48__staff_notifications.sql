-- Staff notifications (se.bredvid.notifications): open items for every coordinator of an organisation or
-- every handläggare of a municipality, and the staff members' own addresses for e-mail digests.
-- No personal data: an item names a kind and the object to open, never a name or a pseudonym.

-- The per-tenant counter orders items in commit order. notify() bumps it (taking the row lock) before it
-- inserts the item, so a digest that has seen version v has seen every committed item up to v; a clock
-- timestamp or a plain sequence can commit out of order and would let an item slip past a digest.
create table staff_notification_counter (
    audience   text   not null check (audience in ('ORGANISATION', 'MUNICIPALITY')),
    tenant_id  uuid   not null,
    version    bigint not null check (version > 0),
    primary key (audience, tenant_id)
);

create table staff_notification (
    id               uuid        primary key,
    audience         text        not null check (audience in ('ORGANISATION', 'MUNICIPALITY')),
    organisation_id  uuid        references organisation (id),
    municipality_id  uuid        references municipality (id),
    tenant_id        uuid        not null generated always as (coalesce(organisation_id, municipality_id)) stored,
    kind             text        not null check (kind ~ '^[A-Z][A-Z0-9_]{0,63}$'),
    object_type      text        not null check (object_type ~ '^[A-Z][A-Z0-9_]{0,63}$'),
    object_id        uuid        not null,
    version          bigint      not null check (version > 0),
    created_at       timestamptz not null,
    handled_at       timestamptz,
    -- The staff member who marked it done through the API; null when resolved by the module itself.
    handled_by       uuid        references staff_account (id),
    constraint staff_notification_one_tenant check (
        (audience = 'ORGANISATION' and organisation_id is not null and municipality_id is null)
        or (audience = 'MUNICIPALITY' and municipality_id is not null and organisation_id is null)),
    constraint staff_notification_handled_by_needs_handled check (handled_by is null or handled_at is not null)
);

-- Idempotent notify: at most one open item per (audience, tenant, kind, object).
create unique index staff_notification_open_unique
    on staff_notification (audience, tenant_id, kind, object_id) where handled_at is null;

-- The list (newest first) and the digest (count and newest version of a tenant's open items).
create index staff_notification_open_by_tenant
    on staff_notification (audience, tenant_id, created_at desc, version) where handled_at is null;

create table staff_notification_email (
    -- One address per staff member; the row id is the staff id and is the sealing context.
    staff_id            uuid        primary key references staff_account (id) on delete cascade,
    audience            text        not null check (audience in ('ORGANISATION', 'MUNICIPALITY')),
    organisation_id     uuid        references organisation (id),
    municipality_id     uuid        references municipality (id),
    tenant_id           uuid        not null generated always as (coalesce(organisation_id, municipality_id)) stored,
    -- AES-GCM under the field key (FieldCipher), bound to this row: the address is personal data.
    email_sealed        bytea       not null check (octet_length(email_sealed) between 16 and 1024),
    -- The newest item version a digest to this address has covered; the next digest needs a newer one.
    announced_version   bigint      not null default 0 check (announced_version >= 0),
    last_sent_at        timestamptz,
    last_sent_count     integer     check (last_sent_count > 0),
    failed_attempts     integer     not null default 0 check (failed_attempts >= 0),
    last_failed_at      timestamptz,
    updated_at          timestamptz not null,
    constraint staff_notification_email_one_tenant check (
        (audience = 'ORGANISATION' and organisation_id is not null and municipality_id is null)
        or (audience = 'MUNICIPALITY' and municipality_id is not null and organisation_id is null))
);

create index staff_notification_email_by_tenant on staff_notification_email (audience, tenant_id);
