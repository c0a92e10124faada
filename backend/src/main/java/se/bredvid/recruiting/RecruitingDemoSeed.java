package se.bredvid.recruiting;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import se.bredvid.platform.Calendar;
import se.bredvid.demo.DemoSeed;
import se.bredvid.identity.Caller;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Demo volunteers spread over the funnel, each taken there by the demo coordinator through the same services
 * the desk calls (so every guard holds: an interview before training, full attendance before "trained", a
 * background check before approval): applied, interview booked, interviewed, two in a cohort half-way
 * through its sessions, two approved (one becomes the demo pair's kontaktperson), one paused and one who
 * withdrew. Every person is invented. Demo environment only.
 */
@Singleton
@Requires(property = "bredvid.demo.enabled", value = "true")
final class RecruitingDemoSeed implements DemoSeed {

    private final ApplicationService applications;
    private final VolunteerService volunteers;
    private final ScreeningService screening;
    private final TrainingService training;
    private final RecruitingConfig config;
    private final Clock clock;
    private final Calendar calendar;

    RecruitingDemoSeed(ApplicationService applications, VolunteerService volunteers, ScreeningService screening,
                       TrainingService training, RecruitingConfig config, Clock clock, Calendar calendar) {
        this.applications = applications;
        this.volunteers = volunteers;
        this.screening = screening;
        this.training = training;
        this.config = config;
        this.clock = clock;
        this.calendar = calendar;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void seed(Tenants tenants) {
        Caller c = tenants.coordinator();
        Instant now = clock.instant();
        apply(tenants, c, "Demo Sara Exempel", List.of("sv", "en"), "Norrköping");
        UUID hodan = apply(tenants, c, "Demo Hodan Exempel", List.of("sv", "so"), "Finspång");
        UUID amal = apply(tenants, c, "Demo Amal Exempel", List.of("sv", "ar"), "Norrköping");
        UUID maryam = apply(tenants, c, "Demo Maryam Exempel", List.of("sv", "fa"), "Norrköping");
        UUID nora = apply(tenants, c, "Demo Nora Exempel", List.of("sv", "ti"), "Linköping");
        UUID leyla = apply(tenants, c, "Demo Leyla Exempel", List.of("sv", "ar", "ku"), "Linköping");
        UUID elin = apply(tenants, c, "Demo Elin Exempel", List.of("sv", "en"), "Norrköping");
        UUID fatima = apply(tenants, c, "Demo Fatima Exempel", List.of("sv", "ar"), "Motala");
        UUID ronja = apply(tenants, c, "Demo Ronja Exempel", List.of("sv"), "Linköping");

        volunteers.transition(c, hodan, VolunteerState.INTERVIEW_BOOKED, "Demo: intervju bokad");
        for (UUID id : List.of(amal, maryam, nora, leyla, elin, fatima, ronja)) {
            interview(c, id, now);
        }
        volunteers.transition(c, ronja, VolunteerState.WITHDRAWN, "Demo: hann inte med vid sidan av studierna");

        // A finished cohort (its weekly sessions all lie in the past) and one half-way through.
        complete(c, "Vårgruppen (demo)", now.minus(Duration.ofDays(80)), List.of(leyla, elin, fatima));
        TrainingService.CohortView autumn = training.createCohort(c, new TrainingController.NewCohort(
                "Höstgruppen (demo)", null, now.minus(Duration.ofDays(25))));
        for (UUID id : List.of(maryam, nora)) {
            training.enrol(c, autumn.id(), id);
            volunteers.transition(c, id, VolunteerState.IN_TRAINING, "Demo: började i Höstgruppen");
        }
        for (TrainingService.SessionSummary s : autumn.sessions()) {
            if (s.startsAt().isBefore(now)) {
                training.setAttendance(c, s.id(), maryam, true);
                // Nora missed the second session: a make-up is due.
                training.setAttendance(c, s.id(), nora, !s.startsAt().equals(autumn.sessions().get(1).startsAt()));
            }
        }
        for (UUID id : List.of(leyla, elin, fatima)) {
            LocalDate issued = LocalDate.now(clock.withZone(calendar.zone())).minusDays(60);
            screening.recordBackgroundCheck(c, id, new ScreeningController.NewBackgroundCheck(
                    BackgroundCheck.Kind.WORK_WITH_CHILDREN, issued, issued.plusDays(5)));
            volunteers.transition(c, id, VolunteerState.APPROVED, "Demo: utbildad, intervjuad och registerkontrollerad");
        }
        volunteers.transition(c, fatima, VolunteerState.PAUSED, "Demo: föräldraledig till våren");
    }

    private UUID apply(Tenants tenants, Caller c, String name, List<String> languages, String municipality) {
        applications.accept(tenants.organisationId(), new ApplicationController.NewApplication(name,
                "demo@example.org", null, languages, "SE-E", municipality,
                List.of(new AvailabilitySlot(DayOfWeek.TUESDAY, AvailabilitySlot.Part.EVENING)), 8, 2, true,
                null, "Demo: vill gå bredvid någon som behöver en vuxen att lita på.", true,
                config.consentTextVersion(), null, null));
        return volunteers.search(c, new VolunteerService.Query(name, List.of(VolunteerState.APPLIED), null, null, null,
                        VolunteerService.Sort.APPLIED, false, 0, null)).items().stream()
                .filter(v -> v.name().equals(name)).findFirst().orElseThrow().id();
    }

    private void interview(Caller c, UUID id, Instant now) {
        volunteers.transition(c, id, VolunteerState.INTERVIEW_BOOKED, "Demo: intervju bokad");
        screening.recordInterview(c, id, new ScreeningController.NewInterview(
                LocalDate.ofInstant(now.minus(Duration.ofDays(90)), calendar.zone()), List.of("Demo Samordnare"),
                5, 4, 4, Interview.Suitability.SUITABLE, "Demo: lugn, tydlig och väl förberedd."));
        volunteers.transition(c, id, VolunteerState.INTERVIEWED, "Demo: intervju hållen");
    }

    private void complete(Caller c, String cohortName, Instant first, List<UUID> members) {
        TrainingService.CohortView cohort = training.createCohort(c, new TrainingController.NewCohort(cohortName, null, first));
        for (UUID id : members) {
            training.enrol(c, cohort.id(), id);
            volunteers.transition(c, id, VolunteerState.IN_TRAINING, "Demo: började i " + cohortName);
        }
        for (TrainingService.SessionSummary s : cohort.sessions()) {
            for (UUID id : members) {
                training.setAttendance(c, s.id(), id, true);
            }
        }
        for (UUID id : members) {
            volunteers.transition(c, id, VolunteerState.TRAINED, "Demo: alla pass genomförda");
        }
    }
}
