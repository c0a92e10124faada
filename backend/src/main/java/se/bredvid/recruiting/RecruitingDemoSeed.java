package se.bredvid.recruiting;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import se.bredvid.demo.DemoSeed;

import java.time.DayOfWeek;
import java.util.List;

/** Demo volunteers: a few fictional applications in the organisation's funnel. Demo environment only. */
@Singleton
@Requires(property = "bredvid.demo.enabled", value = "true")
final class RecruitingDemoSeed implements DemoSeed {

    private final ApplicationService applications;
    private final RecruitingConfig config;

    RecruitingDemoSeed(ApplicationService applications, RecruitingConfig config) {
        this.applications = applications;
        this.config = config;
    }

    @Override
    public void seed(Tenants tenants) {
        record Person(String name, List<String> languages, String municipality) {
        }
        for (Person p : List.of(
                new Person("Demo Sara Exempel", List.of("sv", "en"), "Norrköping"),
                new Person("Demo Leyla Exempel", List.of("sv", "ar", "ku"), "Linköping"),
                new Person("Demo Maryam Exempel", List.of("sv", "fa"), "Norrköping"),
                new Person("Demo Hodan Exempel", List.of("sv", "so"), "Finspång"))) {
            applications.accept(tenants.organisationId(), new ApplicationController.NewApplication(p.name(),
                    "demo@example.org", null, p.languages(), "SE-E", p.municipality(),
                    List.of(new AvailabilitySlot(DayOfWeek.TUESDAY, AvailabilitySlot.Part.EVENING)), 8, 2, true,
                    null, "Demo: vill gå bredvid någon som behöver en vuxen att lita på.", true,
                    config.consentTextVersion(), null, null));
        }
    }
}
