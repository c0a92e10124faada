-- Issue 15: protected identity as levels (seed 003:783-797) instead of a flag: sekretessmarkering, skyddad
-- folkbokföring (which replaced kvarskrivning), fingerade personuppgifter. An existing "protected" client or
-- insats was protected in the sense of skyddad folkbokföring, which hides what the flag hid.
alter table client add column protection_level text not null default 'NONE'
    check (protection_level in ('NONE', 'SEKRETESSMARKERING', 'SKYDDAD_FOLKBOKFORING', 'FINGERADE_PERSONUPPGIFTER'));
update client set protection_level = 'SKYDDAD_FOLKBOKFORING' where protected_identity;
alter table client drop column protected_identity;

alter table insats add column protection_level text not null default 'NONE'
    check (protection_level in ('NONE', 'SEKRETESSMARKERING', 'SKYDDAD_FOLKBOKFORING', 'FINGERADE_PERSONUPPGIFTER'));
update insats set protection_level = 'SKYDDAD_FOLKBOKFORING' where protected_identity;
alter table insats drop column protected_identity;
