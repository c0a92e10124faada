-- Append-only, hash-chained audit log: each entry holds the SHA-256 of the previous entry. Entries name
-- actor, action, object and time; never content, codes, tokens or addresses.
create table audit_entry (
    seq           bigint primary key,
    at            timestamptz not null,
    actor_kind    text not null check (actor_kind in ('STAFF', 'DEVICE', 'ANONYMOUS', 'SYSTEM')),
    actor_id      uuid,
    role          text not null,
    tenant_kind   text check (tenant_kind in ('ORGANISATION', 'MUNICIPALITY')),
    tenant_id     uuid,
    action        text not null check (action ~ '^[A-Z_]{2,60}$'),
    object_type   text not null check (object_type ~ '^[A-Z_]{2,60}$'),
    object_id     text check (length(object_id) <= 100),
    prev_hash     bytea not null check (length(prev_hash) = 32),
    hash          bytea not null unique check (length(hash) = 32)
);
create index audit_entry_object on audit_entry (object_type, object_id);
create index audit_entry_tenant on audit_entry (tenant_kind, tenant_id, at);

-- The chain's head, locked by every append so that entries are strictly ordered across instances.
create table audit_head (
    id        boolean primary key default true check (id),
    seq       bigint not null,
    hash      bytea not null
);
insert into audit_head (id, seq, hash) values (true, 0, decode(repeat('00', 32), 'hex'));

-- Append-only: the application role may insert, never update or delete (enforced by trigger so that it
-- also binds a careless migration or console session; verification still catches an owner who disables it).
create function audit_entry_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end $$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_immutable();
