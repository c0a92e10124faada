package se.bredvid.recruiting;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.RateLimit;
import se.bredvid.platform.RateLimiter;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Public applications to become a volunteer. Anonymous and spam-limited; everything personal is sealed
 * before it reaches the database, and nothing of it is logged or audited (the audit entry names only the
 * new volunteer's id).
 */
@Singleton
class ApplicationService {

    @Serdeable
    record ConsentInfo(String version) {
    }

    @Serdeable
    record Receipt(String status) {
    }

    private final VolunteerRepository volunteers;
    private final AdminService tenants;
    private final Seals seals;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final RecruitingConfig config;
    private final Clock clock;

    ApplicationService(VolunteerRepository volunteers, AdminService tenants, Seals seals, RateLimiter limiter,
                       AuditLog audit, RecruitingConfig config, Clock clock) {
        this.volunteers = volunteers;
        this.tenants = tenants;
        this.seals = seals;
        this.limiter = limiter;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    ConsentInfo consent() {
        return new ConsentInfo(config.consentTextVersion());
    }

    @Transactional
    public Receipt apply(UUID organisationId, ApplicationController.NewApplication a) {
        // Before any lookup, so that probing for organisations costs permits too.
        limiter.acquire(RateLimit.APPLICATION_GLOBAL, "all");
        String email = blankToNull(a.email());
        String phone = blankToNull(a.phone());
        if (email == null && phone == null) {
            throw ProblemException.invalid("email", "give an e-mail address or a phone number");
        }
        if (!Regions.known(a.region())) {
            throw ProblemException.invalid("region", "is not a Swedish county code");
        }
        // GDPR Art. 7(1): consent to the text actually shown. A form older than the current text is refused,
        // so the applicant sees and agrees to the current one.
        if (!config.consentTextVersion().equals(a.consentTextVersion())) {
            throw ProblemException.invalid("consentTextVersion", "is not the current consent text; reload the form");
        }
        if (!tenants.organisationExists(organisationId)) {
            throw ProblemException.notFound("Organisation");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<String> languages = a.languages().stream().distinct().toList();
        List<String> slots = a.availability().stream().map(AvailabilitySlot::code).distinct().toList();
        volunteers.insert(new Volunteer(id, organisationId, VolunteerState.APPLIED, now,
                seals.seal(a.name().trim(), Volunteer.NAME, id),
                seals.seal(email, Volunteer.EMAIL, id),
                seals.seal(phone, Volunteer.PHONE, id),
                languages, a.region(), blankToNull(a.municipality()), slots, a.hoursPerMonth(), a.maxClients(),
                a.digitalSupport(),
                seals.seal(blankToNull(a.availabilityNote()), Volunteer.AVAILABILITY_NOTE, id),
                seals.seal(a.motivation().trim(), Volunteer.MOTIVATION, id),
                a.consentTextVersion(), now, now));
        volunteers.insertTransition(new VolunteerRepository.Transition(UUID.randomUUID(), id, organisationId, null,
                VolunteerState.APPLIED, now, AuditLog.ActorKind.ANONYMOUS.name(), null, null));
        audit.record(new AuditLog.Actor(AuditLog.ActorKind.ANONYMOUS, null, "ANONYMOUS",
                AuditLog.TenantKind.ORGANISATION, organisationId), "APPLY", "VOLUNTEER", id.toString());
        return new Receipt("RECEIVED");
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
