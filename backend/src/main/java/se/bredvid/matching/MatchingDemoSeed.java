package se.bredvid.matching;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.demo.DemoSeed;
import se.bredvid.identity.Caller;
import se.bredvid.identity.DeviceService;
import se.bredvid.identity.SubjectKind;
import se.bredvid.recruiting.VolunteerDirectory;
import se.bredvid.matching.engine.AgeBand;
import se.bredvid.matching.engine.Gender;
import se.bredvid.matching.engine.MeetingMode;
import se.bredvid.matching.engine.Need;
import se.bredvid.matching.engine.SharedBackground;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Demo clients under generated pseudonyms: three on the waiting list, and one in an ACTIVE pair with an
 * approved demo volunteer (which opens their conversation), with a fresh pairing code for each side's phone,
 * printed once beside the staff passwords so a newcomer can pair two phones (or two browser windows) at
 * once. The approved volunteers get matching profiles. Runs after the recruiting seed. Demo environment only.
 */
@Singleton
@Requires(property = "bredvid.demo.enabled", value = "true")
final class MatchingDemoSeed implements DemoSeed {

    private final MatchingService matching;
    private final VolunteerDirectory volunteers;
    private final DeviceService devices;

    MatchingDemoSeed(MatchingService matching, VolunteerDirectory volunteers, DeviceService devices) {
        this.matching = matching;
        this.volunteers = volunteers;
        this.devices = devices;
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void seed(Tenants tenants) {
        matching.seedClient(AuditLog.Actor.system(), tenants.organisationId(), new ClientIntake(AgeBand.AGE_18_25,
                Set.of("sv", "ar"), "ar", Set.of(), "se-e", Set.of(), Set.of(Need.BREAKING_ISOLATION, Need.STUDIES_AND_WORK),
                MeetingMode.BOTH, Gender.WOMAN, true, null, null, false, SharedBackground.NOT_WANTED, Set.of("musik"),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), false, null, null, null));
        matching.seedClient(AuditLog.Actor.system(), tenants.organisationId(), new ClientIntake(AgeBand.AGE_13_17,
                Set.of("sv", "so"), null, Set.of("sv"), null, Set.of(), Set.of(Need.RIGHTS_AND_SOCIETY),
                MeetingMode.DIGITAL, null, false, null, null, false, SharedBackground.NO_PREFERENCE, Set.of(),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), true, tenants.municipalityId(), null,
                ProtectionLevel.SKYDDAD_FOLKBOKFORING));
        matching.seedClient(AuditLog.Actor.system(), tenants.organisationId(), new ClientIntake(AgeBand.AGE_26_35,
                Set.of("sv", "fa"), "fa", Set.of(), "se-e", Set.of(), Set.of(Need.HOUSING, Need.AUTHORITY_CONTACTS),
                MeetingMode.IN_PERSON, null, false, 30, 60, false, SharedBackground.WANTED, Set.of("natur"),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), false, null, null, null));
        pair(tenants);
    }

    private void pair(Tenants tenants) {
        Caller coordinator = tenants.coordinator();
        List<VolunteerDirectory.MatchingProfile> available = volunteers.available(tenants.organisationId());
        if (available.isEmpty()) {
            return;
        }
        for (VolunteerDirectory.MatchingProfile v : available) {
            matching.setVolunteerInfo(coordinator, v.id(), new VolunteerMatchInfo(Gender.WOMAN, 34, Set.of(),
                    Set.of("musik", "natur"), Set.of(Need.BREAKING_ISOLATION, Need.STUDIES_AND_WORK, Need.HOUSING),
                    Set.of("se-e")));
        }
        UUID volunteerId = available.stream().filter(v -> v.languages().contains("ar")).findFirst()
                .orElse(available.get(0)).id();
        MatchingViews.ClientView client = matching.createClient(coordinator, new ClientIntake(AgeBand.AGE_18_25,
                Set.of("sv", "ar"), "ar", Set.of(), "se-e", Set.of(), Set.of(Need.BREAKING_ISOLATION),
                MeetingMode.BOTH, Gender.WOMAN, true, null, null, false, SharedBackground.NO_PREFERENCE, Set.of("musik"),
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), false, null, null, null));
        Assignments.AssignmentView assignment = matching.propose(coordinator, client.id(), volunteerId, Assignments.Kind.IDEELL);
        matching.transition(coordinator, assignment.id(), Assignments.State.ACTIVE, null, null);
        DeviceService.IssuedCode clientCode = devices.issueCode(coordinator, SubjectKind.CLIENT, client.id());
        DeviceService.IssuedCode volunteerCode = devices.issueCode(coordinator, SubjectKind.VOLUNTEER, volunteerId);
        String until = clientCode.expiresAt().truncatedTo(ChronoUnit.MINUTES).toString();
        tenants.shownOnce().add("DEMO pair (" + client.pseudonym() + " and her kontaktperson), open the app on two phones or"
                + " browser windows and type a pairing code (valid until " + until + "; the desk issues new ones):");
        tenants.shownOnce().add("  client phone:        " + clientCode.code());
        tenants.shownOnce().add("  kontaktperson phone: " + volunteerCode.code());
    }
}
