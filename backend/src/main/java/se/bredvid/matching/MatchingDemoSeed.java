package se.bredvid.matching;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.demo.DemoSeed;
import se.bredvid.matching.engine.AgeBand;
import se.bredvid.matching.engine.Gender;
import se.bredvid.matching.engine.MeetingMode;
import se.bredvid.matching.engine.Need;
import se.bredvid.matching.engine.SharedBackground;

import java.util.Set;

/** Demo clients on the waiting list, under generated pseudonyms. Demo environment only. */
@Singleton
@Requires(property = "bredvid.demo.enabled", value = "true")
final class MatchingDemoSeed implements DemoSeed {

    private final MatchingService matching;

    MatchingDemoSeed(MatchingService matching) {
        this.matching = matching;
    }

    @Override
    public void seed(Tenants tenants) {
        matching.seedClient(AuditLog.Actor.system(), tenants.organisationId(), new ClientIntake(AgeBand.AGE_18_25,
                Set.of("sv", "ar"), "ar", Set.of(), "se-e", Set.of(), Set.of(Need.BREAKING_ISOLATION, Need.STUDIES_AND_WORK),
                MeetingMode.BOTH, Gender.WOMAN, true, null, null, false, SharedBackground.NOT_WANTED, Set.of("musik"),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), false, null, null));
        matching.seedClient(AuditLog.Actor.system(), tenants.organisationId(), new ClientIntake(AgeBand.AGE_13_17,
                Set.of("sv", "so"), null, Set.of("sv"), null, Set.of(), Set.of(Need.RIGHTS_AND_SOCIETY),
                MeetingMode.DIGITAL, null, false, null, null, false, SharedBackground.NO_PREFERENCE, Set.of(),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), true, tenants.municipalityId(), null));
        matching.seedClient(AuditLog.Actor.system(), tenants.organisationId(), new ClientIntake(AgeBand.AGE_26_35,
                Set.of("sv", "fa"), "fa", Set.of(), "se-e", Set.of(), Set.of(Need.HOUSING, Need.AUTHORITY_CONTACTS),
                MeetingMode.IN_PERSON, null, false, 30, 60, false, SharedBackground.WANTED, Set.of("natur"),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), false, null, null));
    }
}
