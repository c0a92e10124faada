package se.bredvid.insats;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.insats.InsatsStore.Row;
import se.bredvid.platform.Roles;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The handläggare's export of one insats as a PDF the municipality files in its own records (issue 15), and the
 * list of closed insatser that gallring deletes soon. Bredvid is not the municipality's record: what the
 * municipality must document is documented in its own system; this gives it the exchange to file before
 * Bredvid deletes it ({@code bredvid.insats.retention} after closing, docs/insats.md "Retention").
 */
@Singleton
public class InsatsExportService {

    /** How long before gallring a closed insats shows in the handläggare's inbox as "export before gallring". */
    static final int WARN_DAYS = 60;

    /** A closed insats that gallring deletes within {@link #WARN_DAYS} days. */
    @Serdeable
    public record DueForGallring(UUID id, String clientPseudonym, InsatsState state, LocalDate deletedAfter) {
    }

    private final InsatsStore store;
    private final InsatsService insatser;
    private final InsatsConfig config;
    private final AdminService tenants;
    private final AuditLog audit;
    private final Clock clock;

    InsatsExportService(InsatsStore store, InsatsService insatser, InsatsConfig config, AdminService tenants, AuditLog audit,
                        Clock clock) {
        this.store = store;
        this.insatser = insatser;
        this.config = config;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
    }

    /** The PDF; only the handläggare of the insats's municipality (another municipality's insats is not found). */
    @Transactional
    public byte[] export(Caller caller, UUID id) {
        Row r = store.forStaff(InsatsService.requireRole(caller, Roles.HANDLAGGARE), id, false);
        InsatsViews.Detail d = insatser.detail(caller, r);
        Map<Integer, LocalDate> confirmed = store.planConfirmations(id).stream()
                .collect(Collectors.toMap(InsatsStore.PlanConfirmationRow::version, InsatsStore.PlanConfirmationRow::confirmedOn));
        var doc = new InsatsPdf.Content(d, tenants.municipalityName(r.municipalityId()).orElse(""),
                tenants.organisationName(r.organisationId()).orElse(""), store.uppdragVersions(id), store.plans(id), confirmed,
                insatser.today());
        byte[] pdf = InsatsPdf.render(doc);
        audit.record(caller.actor(), "EXPORT", "INSATS", id.toString());
        return pdf;
    }

    /** The municipality's closed insatser that gallring deletes within {@link #WARN_DAYS} days, soonest first. */
    @Transactional(readOnly = true)
    public List<DueForGallring> dueForGallring(Caller caller) {
        UUID mun = InsatsService.requireRole(caller, Roles.HANDLAGGARE).requireMunicipality();
        var cutoff = clock.instant().minus(config.retention()).plus(java.time.Duration.ofDays(WARN_DAYS));
        return store.closedSharedBefore(mun, cutoff).stream().map(id -> store.byId(id).orElseThrow())
                .map(r -> new DueForGallring(r.id(), insatser.pseudonym(r), r.state(), insatser.deletedAfter(r.id()).orElse(null)))
                .toList();
    }
}
