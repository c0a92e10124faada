package se.bredvid.identity;

import se.bredvid.platform.Published;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** What an installation's admin does: tenants and staff accounts. Admins never see content. */
@Singleton
@Published
public class AdminService {

    @Serdeable
    public record Tenant(UUID id, String name, Instant createdAt) {
    }

    @Serdeable
    public record StaffView(UUID id, String username, String displayName, StaffRole role, UUID organisationId,
                            UUID municipalityId, boolean totpEnabled, boolean disabled) {
        static StaffView of(StaffAccount a) {
            return new StaffView(a.id(), a.username(), a.displayName(), a.role(), a.organisationId(),
                    a.municipalityId(), a.totpEnabled(), a.disabled());
        }
    }

    private final OrganisationRepository organisations;
    private final MunicipalityRepository municipalities;
    private final StaffRepository staff;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final AuditLog audit;
    private final Clock clock;
    private final SignInBackoff backoff;

    AdminService(OrganisationRepository organisations, MunicipalityRepository municipalities,
                 StaffRepository staff, PasswordHasher hasher, TokenService tokens, AuditLog audit, Clock clock,
                 SignInBackoff backoff) {
        this.backoff = backoff;
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.staff = staff;
        this.hasher = hasher;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Tenant createOrganisation(AuditLog.Actor actor, String name) {
        if (organisations.existsByName(name.trim())) {
            throw ProblemException.conflict("duplicate-name", "An organisation with that name exists.");
        }
        var o = organisations.save(new Organisation(UUID.randomUUID(), name.trim(), clock.instant()));
        audit.record(actor, "CREATE", "ORGANISATION", o.id().toString());
        return new Tenant(o.id(), o.name(), o.createdAt());
    }

    @Transactional
    public Tenant createMunicipality(AuditLog.Actor actor, String name) {
        if (municipalities.existsByName(name.trim())) {
            throw ProblemException.conflict("duplicate-name", "A municipality with that name exists.");
        }
        var m = municipalities.save(new Municipality(UUID.randomUUID(), name.trim(), clock.instant()));
        audit.record(actor, "CREATE", "MUNICIPALITY", m.id().toString());
        return new Tenant(m.id(), m.name(), m.createdAt());
    }

    @Transactional(readOnly = true)
    public List<Tenant> organisations() {
        return organisations.findAllOrderByName().stream().map(o -> new Tenant(o.id(), o.name(), o.createdAt())).toList();
    }

    @Transactional(readOnly = true)
    public List<Tenant> municipalities() {
        return municipalities.findAllOrderByName().stream().map(m -> new Tenant(m.id(), m.name(), m.createdAt())).toList();
    }

    /** Whether a municipality exists: the public lookup other modules use instead of the table. */
    @Transactional(readOnly = true)
    public boolean municipalityExists(UUID id) {
        return id != null && municipalities.existsById(id);
    }

    @Transactional(readOnly = true)
    public boolean organisationExists(UUID id) {
        return id != null && organisations.existsById(id);
    }

    @Transactional(readOnly = true)
    public Optional<String> municipalityName(UUID id) {
        return id == null ? Optional.empty() : municipalities.findById(id).map(Municipality::name);
    }

    @Transactional(readOnly = true)
    public Optional<String> organisationName(UUID id) {
        return id == null ? Optional.empty() : organisations.findById(id).map(Organisation::name);
    }

    @Transactional
    public StaffView createStaff(AuditLog.Actor actor, String username, String displayName, StaffRole role,
                                 UUID organisationId, UUID municipalityId, String initialPassword) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        if (staff.existsByUsername(name)) {
            throw ProblemException.conflict("duplicate-username", "That username is taken.");
        }
        switch (role) {
            case ADMIN -> {
                if (organisationId != null || municipalityId != null) {
                    throw ProblemException.invalid("role", "an admin belongs to no organisation or municipality");
                }
            }
            case COORDINATOR -> {
                if (municipalityId != null || organisationId == null || !organisations.existsById(organisationId)) {
                    throw ProblemException.invalid("organisationId", "a coordinator needs an existing organisation and no municipality");
                }
            }
            case HANDLAGGARE -> {
                if (organisationId != null || municipalityId == null || !municipalities.existsById(municipalityId)) {
                    throw ProblemException.invalid("municipalityId", "a handläggare needs an existing municipality and no organisation");
                }
            }
        }
        var account = staff.save(new StaffAccount(UUID.randomUUID(), name, displayName.trim(), role, organisationId,
                municipalityId, hasher.hash(initialPassword), null, false, 0, false, clock.instant()));
        audit.record(actor, "CREATE", "STAFF_ACCOUNT", account.id().toString());
        return StaffView.of(account);
    }

    @Transactional(readOnly = true)
    public List<StaffView> staff() {
        return staff.findAllOrderByUsername().stream().map(StaffView::of).toList();
    }

    /** Disables (or re-enables) an account; disabling ends its sessions at once. */
    @Transactional
    public StaffView setDisabled(AuditLog.Actor actor, UUID id, boolean disabled) {
        var account = staff.findById(id).orElseThrow(() -> ProblemException.notFound("Staff account"));
        staff.setDisabled(id, disabled);
        if (disabled) {
            tokens.revokeAllOf(TokenService.STAFF, id, "ACCOUNT_DISABLED");
        }
        audit.record(actor, disabled ? "DISABLE" : "ENABLE", "STAFF_ACCOUNT", id.toString());
        return StaffView.of(staff.findById(account.id()).orElseThrow());
    }

    @Transactional
    public void revokeSessions(AuditLog.Actor actor, UUID id) {
        staff.findById(id).orElseThrow(() -> ProblemException.notFound("Staff account"));
        tokens.revokeAllOf(TokenService.STAFF, id, "ADMIN");
        audit.record(actor, "REVOKE_SESSIONS", "STAFF_ACCOUNT", id.toString());
    }

    /**
     * Resets the account's second factor (a lost phone): the secret is forgotten, every session ends, and the
     * next sign-in with the password enrols a new authenticator from the QR page.
     */
    @Transactional
    public StaffView resetTotp(AuditLog.Actor actor, UUID id) {
        staff.findById(id).orElseThrow(() -> ProblemException.notFound("Staff account"));
        staff.resetTotp(id);
        tokens.revokeAllOf(TokenService.STAFF, id, "ADMIN");
        audit.record(actor, "RESET_TOTP", "STAFF_ACCOUNT", id.toString());
        return StaffView.of(staff.findById(id).orElseThrow());
    }

    /**
     * Lifts the sign-in lock-out of the account's username from every source (the back-off is in memory: on
     * this instance; with several instances each keeps its own and releases it within the hour).
     */
    @Transactional
    public void unlock(AuditLog.Actor actor, UUID id) {
        var account = staff.findById(id).orElseThrow(() -> ProblemException.notFound("Staff account"));
        backoff.clearName(SignInBackoff.nameHash(account.username()));
        audit.record(actor, "UNLOCK", "STAFF_ACCOUNT", id.toString());
    }

    /** Audits a field-key rotation by its size only. */
    @Transactional
    public void recordFieldKeyRotation(AuditLog.Actor actor, int resealed) {
        audit.record(actor, "ROTATE_FIELD_KEYS", "FIELD_KEY", Integer.toString(resealed));
    }
}
