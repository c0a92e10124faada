package se.bredvid.recruiting;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.platform.FormStamps;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.RateLimit;
import se.bredvid.platform.RateLimiter;
import se.bredvid.platform.RequestSource;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Public applications to become a volunteer. Anonymous and spam-limited; everything personal is sealed
 * before it reaches the database, and nothing of it is logged or audited (the audit entry names only the
 * new volunteer's id).
 *
 * <p>Spam: limited per source and per organisation (never globally, so one sender cannot close the form of
 * every organisation), and two bot traps that need no third party: a honeypot field the form hides from
 * people (filled in: answered as received and dropped, so a bot learns nothing) and a minimum fill time from
 * the signed hand-out time of the form (too fast: a calm 400 asking to send again, since a person can be fast).
 */
@Singleton
class ApplicationService {

    @Serdeable
    record ConsentInfo(String version, String formStamp) {
    }

    static final String FORM_PURPOSE = "volunteer-application";
    private static final Receipt RECEIVED = new Receipt("RECEIVED");

    @Serdeable
    record Receipt(String status) {
    }

    private final VolunteerStore volunteers;
    private final AdminService tenants;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final RecruitingConfig config;
    private final FormStamps stamps;
    private final Clock clock;
    private final MeterRegistry meters;

    ApplicationService(VolunteerStore volunteers, AdminService tenants, RateLimiter limiter,
                       AuditLog audit, RecruitingConfig config, FormStamps stamps, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.volunteers = volunteers;
        this.tenants = tenants;
        this.limiter = limiter;
        this.audit = audit;
        this.config = config;
        this.stamps = stamps;
        this.clock = clock;
    }

    ConsentInfo consent() {
        return new ConsentInfo(config.consentTextVersion(), stamps.issue(FORM_PURPOSE));
    }

    @Transactional
    public Receipt apply(UUID organisationId, ApplicationController.NewApplication a, RequestSource source) {
        // Before any lookup, so that probing for organisations costs permits too.
        limiter.acquire(RateLimit.APPLICATION_PER_SOURCE, source.key());
        if (a.website() != null && !a.website().isEmpty()) {
            // The honeypot: people never see the field. Answer as for a real application, store nothing.
            refused("honeypot");
            return RECEIVED;
        }
        checkFillTime(a.formStamp());
        validate(organisationId, a);
        // After the lookup, so that probing with made-up ids creates no counters.
        limiter.acquire(RateLimit.APPLICATION_PER_ORGANISATION, organisationId.toString());
        return store(organisationId, a);
    }

    /** An application that did not come through the public form (demo data): the same rules, no spam checks. */
    @Transactional
    Receipt accept(UUID organisationId, ApplicationController.NewApplication a) {
        validate(organisationId, a);
        return store(organisationId, a);
    }

    private void validate(UUID organisationId, ApplicationController.NewApplication a) {
        if (blankToNull(a.email()) == null && blankToNull(a.phone()) == null) {
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
    }

    private Receipt store(UUID organisationId, ApplicationController.NewApplication a) {
        String email = blankToNull(a.email());
        String phone = blankToNull(a.phone());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<String> languages = a.languages().stream().distinct().toList();
        List<String> slots = a.availability().stream().map(AvailabilitySlot::code).distinct().toList();
        volunteers.insert(new Volunteer(id, organisationId, VolunteerState.APPLIED, now,
                a.name().trim(), email, phone,
                languages, a.region(), blankToNull(a.municipality()), slots, a.hoursPerMonth(), a.maxClients(),
                a.digitalSupport(),
                blankToNull(a.availabilityNote()),
                a.motivation().trim(),
                a.consentTextVersion(), now, now));
        volunteers.insertTransition(new VolunteerStore.Transition(UUID.randomUUID(), id, organisationId, null,
                VolunteerState.APPLIED, now, AuditLog.ActorKind.ANONYMOUS.name(), null, null));
        audit.record(new AuditLog.Actor(AuditLog.ActorKind.ANONYMOUS, null, "ANONYMOUS",
                AuditLog.TenantKind.ORGANISATION, organisationId), "APPLY", "VOLUNTEER", id.toString());
        return RECEIVED;
    }

    /** A person needs some seconds to fill in the form; a form handed out long ago must be reloaded. */
    private void checkFillTime(String formStamp) {
        Instant issued = stamps.issuedAt(FORM_PURPOSE, formStamp).orElse(null);
        if (issued == null) {
            refused("unsigned-form");
            throw ProblemException.invalid("formStamp", "is not a form this server handed out; reload the form");
        }
        Instant now = clock.instant();
        if (now.isAfter(issued.plus(config.formMaxAge()))) {
            refused("stale-form");
            throw ProblemException.invalid("formStamp", "the form is too old; reload the form and send it again");
        }
        if (now.isBefore(issued.plus(config.formMinFillTime()))) {
            refused("too-fast");
            throw ProblemException.invalid("formStamp",
                    "the form was sent sooner than it can be filled in; wait a moment and send it again");
        }
    }

    /** Bot pressure on the public form, by trap (a fixed set of names, never data). */
    private void refused(String reason) {
        meters.counter("bredvid.applications.refused", "reason", reason).increment();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
