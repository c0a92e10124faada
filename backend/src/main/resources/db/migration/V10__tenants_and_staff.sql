-- Tenants: civil-society organisations (jourer) and municipalities (kommuner). Every row owned by a
-- tenant carries its id; services scope every query by the caller's tenant.
create table organisation (
    id          uuid primary key,
    name        text not null unique check (length(name) between 1 and 200),
    created_at  timestamptz not null
);

create table municipality (
    id          uuid primary key,
    name        text not null unique check (length(name) between 1 and 200),
    created_at  timestamptz not null
);

create table staff_account (
    id                uuid primary key,
    username          text not null unique check (username = lower(username) and length(username) between 3 and 100),
    display_name      text not null check (length(display_name) between 1 and 200),
    role              text not null check (role in ('ADMIN', 'COORDINATOR', 'HANDLAGGARE')),
    organisation_id   uuid references organisation (id),
    municipality_id   uuid references municipality (id),
    password_hash     text not null,
    -- The TOTP secret, sealed with the field cipher (never in clear at rest).
    totp_secret       bytea,
    totp_enabled      boolean not null default false,
    totp_last_step    bigint not null default 0,
    disabled          boolean not null default false,
    created_at        timestamptz not null,
    -- A coordinator belongs to exactly one organisation, a handläggare to one municipality, an admin to none.
    constraint staff_tenant check (
        (role = 'ADMIN' and organisation_id is null and municipality_id is null) or
        (role = 'COORDINATOR' and organisation_id is not null and municipality_id is null) or
        (role = 'HANDLAGGARE' and municipality_id is not null and organisation_id is null))
);
create index staff_account_organisation on staff_account (organisation_id);
create index staff_account_municipality on staff_account (municipality_id);

-- Sign-in throttling by the hash of the name typed, whether or not such an account exists, so that the
-- answer never reveals which names are accounts.
create table sign_in_throttle (
    name_hash     bytea primary key,
    failures      int not null default 0 check (failures >= 0),
    locked_until  timestamptz,
    updated_at    timestamptz not null
);
