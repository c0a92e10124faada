-- The alarm loop (issue 12): one worklist for staff with an urgency level; urgent items are e-mailed at
-- once and again when they escalate; a client's NEED_HELP is acknowledged by the first person who sees it.

alter table staff_notification
    add column urgency          text     not null default 'NORMAL' check (urgency in ('NORMAL', 'URGENT')),
    -- Set when nobody acted in time: the desk shows the item as overdue.
    add column escalated_at     timestamptz,
    -- Urgent mail rounds: one is due when the item is raised and one more per escalation. A sender claims
    -- the row (for update skip locked), mails the tenant's addresses and records the rounds as sent, so
    -- several instances send each round once.
    add column mail_rounds_due  smallint not null default 0 check (mail_rounds_due >= 0),
    add column mail_rounds_sent smallint not null default 0 check (mail_rounds_sent >= 0);

create index staff_notification_mail_due on staff_notification (created_at)
    where mail_rounds_sent < mail_rounds_due and handled_at is null;

-- Every change of a tenant's worklist (new, handled, escalated) bumps this, so a desk's live stream knows
-- when to fetch the list again without reading it.
alter table staff_notification_counter add column changes bigint not null default 0;

alter table checkin
    add column acknowledged_at timestamptz,
    add column acknowledged_by text check (acknowledged_by in ('VOLUNTEER', 'COORDINATOR')),
    add column escalated_at    timestamptz,
    add constraint checkin_acknowledged_by check ((acknowledged_at is null) = (acknowledged_by is null)),
    add constraint checkin_acknowledged_alarm check (acknowledged_at is null or answer = 'NEED_HELP');

create index checkin_open_alarm on checkin (answered_at) where answer = 'NEED_HELP' and acknowledged_at is null;

-- The coordinators' escalations move from checkin_notification into the staff worklist, where the desk,
-- the digest and the urgent mail read them. Unread ones become open items in commit order after the
-- tenant's existing ones.
insert into staff_notification (id, audience, organisation_id, kind, object_type, object_id, version, created_at,
                                urgency)
select n.id, 'ORGANISATION', n.organisation_id, n.kind, 'CHECKIN', n.checkin_id,
       coalesce((select c.version from staff_notification_counter c
                 where c.audience = 'ORGANISATION' and c.tenant_id = n.organisation_id), 0)
           + row_number() over (partition by n.organisation_id order by n.created_at, n.id),
       n.created_at, case when n.kind = 'NEED_HELP' then 'URGENT' else 'NORMAL' end
from checkin_notification n
where n.audience = 'COORDINATORS' and n.read_at is null
on conflict do nothing;

insert into staff_notification_counter (audience, tenant_id, version)
select 'ORGANISATION', organisation_id, max(version) from staff_notification
where audience = 'ORGANISATION' group by organisation_id
on conflict (audience, tenant_id) do update
    set version = greatest(staff_notification_counter.version, excluded.version);

delete from checkin_notification where audience = 'COORDINATORS';
