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
    public record Tenant(UUID id, String name, Instant createdAt, boolean active) {
        static Tenant of(Organisation o) {
            return new Tenant(o.id(), o.name(), o.createdAt(), o.active());
        }

        static Tenant of(Municipality m) {
            return new Tenant(m.id(), m.name(), m.createdAt(), m.active());
        }
    }

    /**
     * Who carries the insatser of a link (seed 001:209, 001:415; docs/insats.md): the organisation as the provider
     * (utförare, paid by the municipality), or the municipality, which takes the kontaktperson on as its own
     * uppdragstagare and pays her arvode (the "Tjejer till tjejer" model).
     */
    public enum LinkModel { PROVIDER, MUNICIPALITY }

    /** A municipality works with an organisation: referrals and proposals go only between linked pairs. */
    @Serdeable
    public record Link(UUID municipalityId, UUID organisationId, Instant createdAt, LinkModel model) {
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
    private final TenantLinkStore links;

    AdminService(OrganisationRepository organisations, MunicipalityRepository municipalities,
                 StaffRepository staff, PasswordHasher hasher, TokenService tokens, AuditLog audit, Clock clock,
                 SignInBackoff backoff, TenantLinkStore links) {
        this.links = links;
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
        var o = organisations.save(new Organisation(UUID.randomUUID(), name.trim(), clock.instant(), true));
        audit.record(actor, "CREATE", "ORGANISATION", o.id().toString());
        return Tenant.of(o);
    }

    @Transactional
    public Tenant createMunicipality(AuditLog.Actor actor, String name) {
        if (municipalities.existsByName(name.trim())) {
            throw ProblemException.conflict("duplicate-name", "A municipality with that name exists.");
        }
        var m = municipalities.save(new Municipality(UUID.randomUUID(), name.trim(), clock.instant(), true));
        audit.record(actor, "CREATE", "MUNICIPALITY", m.id().toString());
        return Tenant.of(m);
    }

    @Transactional(readOnly = true)
    public List<Tenant> organisations() {
        return organisations.findAllOrderByName().stream().map(Tenant::of).toList();
    }

    @Transactional(readOnly = true)
    public List<Tenant> municipalities() {
        return municipalities.findAllOrderByName().stream().map(Tenant::of).toList();
    }

    /** Renames an organisation; the name stays unique. */
    @Transactional
    public Tenant renameOrganisation(AuditLog.Actor actor, UUID id, String name) {
        var o = organisations.findById(id).orElseThrow(() -> ProblemException.notFound("Organisation"));
        String clean = name.trim();
        if (!clean.equals(o.name()) && organisations.existsByName(clean)) {
            throw ProblemException.conflict("duplicate-name", "An organisation with that name exists.");
        }
        organisations.rename(id, clean);
        audit.record(actor, "RENAME", "ORGANISATION", id.toString());
        return Tenant.of(organisations.findById(id).orElseThrow());
    }

    @Transactional
    public Tenant renameMunicipality(AuditLog.Actor actor, UUID id, String name) {
        var m = municipalities.findById(id).orElseThrow(() -> ProblemException.notFound("Municipality"));
        String clean = name.trim();
        if (!clean.equals(m.name()) && municipalities.existsByName(clean)) {
            throw ProblemException.conflict("duplicate-name", "A municipality with that name exists.");
        }
        municipalities.rename(id, clean);
        audit.record(actor, "RENAME", "MUNICIPALITY", id.toString());
        return Tenant.of(municipalities.findById(id).orElseThrow());
    }

    /**
     * Deactivates (or reactivates) an organisation: its staff cannot sign in and every session of theirs ends,
     * it receives no new referrals; its data stays as it is.
     */
    @Transactional
    public Tenant setOrganisationActive(AuditLog.Actor actor, UUID id, boolean active) {
        organisations.findById(id).orElseThrow(() -> ProblemException.notFound("Organisation"));
        organisations.setActive(id, active);
        if (!active) {
            staff.findByOrganisationId(id).forEach(a -> tokens.revokeAllOf(TokenService.STAFF, a.id(), "TENANT_DEACTIVATED"));
        }
        audit.record(actor, active ? "REACTIVATE" : "DEACTIVATE", "ORGANISATION", id.toString());
        return Tenant.of(organisations.findById(id).orElseThrow());
    }

    /** As {@link #setOrganisationActive}: its handläggare cannot sign in, it receives no new proposals. */
    @Transactional
    public Tenant setMunicipalityActive(AuditLog.Actor actor, UUID id, boolean active) {
        municipalities.findById(id).orElseThrow(() -> ProblemException.notFound("Municipality"));
        municipalities.setActive(id, active);
        if (!active) {
            staff.findByMunicipalityId(id).forEach(a -> tokens.revokeAllOf(TokenService.STAFF, a.id(), "TENANT_DEACTIVATED"));
        }
        audit.record(actor, active ? "REACTIVATE" : "DEACTIVATE", "MUNICIPALITY", id.toString());
        return Tenant.of(municipalities.findById(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    public List<Link> links() {
        return links.all().stream().map(l -> new Link(l.municipalityId(), l.organisationId(), l.createdAt(), l.model())).toList();
    }

    /** The municipality works with the organisation from now on (idempotent), as its provider for a new link. */
    @Transactional
    public Link link(AuditLog.Actor actor, UUID municipalityId, UUID organisationId) {
        return link(actor, municipalityId, organisationId, null);
    }

    /**
     * The municipality works with the organisation from now on, under the model given (a new link without one:
     * PROVIDER). Posting an existing link with another model changes it; insatser already started keep the model
     * they were created under.
     */
    @Transactional
    public Link link(AuditLog.Actor actor, UUID municipalityId, UUID organisationId, LinkModel model) {
        if (!municipalities.existsById(municipalityId)) {
            throw ProblemException.invalid("municipalityId", "unknown municipality");
        }
        if (!organisations.existsById(organisationId)) {
            throw ProblemException.invalid("organisationId", "unknown organisation");
        }
        Instant now = clock.instant();
        if (links.link(municipalityId, organisationId, model == null ? LinkModel.PROVIDER : model, now)) {
            audit.record(actor, "LINK", "TENANT_LINK", municipalityId + ":" + organisationId);
        } else if (model != null && links.setModel(municipalityId, organisationId, model)) {
            audit.record(actor, "SET_LINK_MODEL_" + model.name(), "TENANT_LINK", municipalityId + ":" + organisationId);
        }
        return links.all().stream().filter(l -> l.municipalityId().equals(municipalityId) && l.organisationId().equals(organisationId))
                .findFirst().map(l -> new Link(l.municipalityId(), l.organisationId(), l.createdAt(), l.model())).orElseThrow();
    }

    /** The model of the link between the two, if they are linked (the insats module records it on a new insats). */
    @Transactional(readOnly = true)
    public java.util.Optional<LinkModel> linkModel(UUID municipalityId, UUID organisationId) {
        return links.all().stream().filter(l -> l.municipalityId().equals(municipalityId) && l.organisationId().equals(organisationId))
                .findFirst().map(TenantLinkStore.Link::model);
    }

    /** No new referrals or proposals between the two; insatser already started continue (docs/insats.md). */
    @Transactional
    public void unlink(AuditLog.Actor actor, UUID municipalityId, UUID organisationId) {
        if (!links.unlink(municipalityId, organisationId)) {
            throw ProblemException.notFound("Link");
        }
        audit.record(actor, "UNLINK", "TENANT_LINK", municipalityId + ":" + organisationId);
    }

    /**
     * Whether a new insats may start between the two: both exist and are active, and they work together. The
     * insats module's check for a referral (municipality to organisation) and a proposal (the other way).
     */
    @Transactional(readOnly = true)
    public boolean mayStartInsats(UUID municipalityId, UUID organisationId) {
        return municipalityId != null && organisationId != null
                && municipalities.existsByIdAndActive(municipalityId, true)
                && organisations.existsByIdAndActive(organisationId, true)
                && links.linked(municipalityId, organisationId);
    }

    /** The active organisations the municipality works with: where its handläggare may send a referral. */
    @Transactional(readOnly = true)
    public List<Tenant> linkedOrganisations(UUID municipalityId) {
        var ids = links.all().stream().filter(l -> l.municipalityId().equals(municipalityId))
                .map(TenantLinkStore.Link::organisationId).collect(java.util.stream.Collectors.toSet());
        return organisations().stream().filter(o -> o.active() && ids.contains(o.id())).toList();
    }

    /** The active municipalities the organisation works with: where its coordinators may propose an insats. */
    @Transactional(readOnly = true)
    public List<Tenant> linkedMunicipalities(UUID organisationId) {
        var ids = links.all().stream().filter(l -> l.organisationId().equals(organisationId))
                .map(TenantLinkStore.Link::municipalityId).collect(java.util.stream.Collectors.toSet());
        return municipalities().stream().filter(m -> m.active() && ids.contains(m.id())).toList();
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
