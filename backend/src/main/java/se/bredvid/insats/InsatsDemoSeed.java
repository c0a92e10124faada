package se.bredvid.insats;

import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.demo.DemoSeed;
import se.bredvid.platform.Roles;
import se.bredvid.matching.ProtectionLevel;
import se.bredvid.matching.engine.Need;

import java.util.Set;

/**
 * The demo handläggare's request for a kontaktperson, waiting in the demo organisation's list. Demo
 * environment only; every value is invented.
 */
@Singleton
@Requires(property = "bredvid.demo.enabled", value = "true")
class InsatsDemoSeed implements DemoSeed {

    private final InsatsService insatser;

    InsatsDemoSeed(InsatsService insatser) {
        this.insatser = insatser;
    }

    @Override
    @Transactional
    public void seed(Tenants tenants) {
        AuditLog.Actor handlaggare = new AuditLog.Actor(AuditLog.ActorKind.STAFF, tenants.handlaggareId(), Roles.HANDLAGGARE,
                AuditLog.TenantKind.MUNICIPALITY, tenants.municipalityId());
        insatser.refer(handlaggare, tenants.municipalityId(), new InsatsRequests.Referral(tenants.organisationId(),
                "AGE_18_25", Set.of("sv", "ar"), "se-e", false, Set.of(Need.BREAKING_ISOLATION, Need.STUDIES_AND_WORK),
                "Har lämnat skyddat boende och bor i mellanboende. Saknar nätverk på orten.", false,
                new InsatsRequests.Contact("Demo Handläggare", "010-000 00 00", null), "DEMO-2026-001",
                insatser.today(), Insats.ConsentForm.WRITTEN, ProtectionLevel.NONE));
    }
}
