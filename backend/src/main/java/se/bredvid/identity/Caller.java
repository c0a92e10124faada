package se.bredvid.identity;

import se.bredvid.platform.Published;

import io.micronaut.security.authentication.Authentication;

import java.util.Optional;
import java.util.UUID;

/**
 * The authenticated caller of a request, as services see it: who, in which role and tenant. Built only
 * from a verified access token. Services scope every tenant-owned query by {@link #organisationId()} or
 * {@link #municipalityId()}.
 *
 * @param kind           STAFF or DEVICE
 * @param id             the staff account id, or the device id
 * @param role           one of {@link Roles}
 * @param organisationId the coordinator's or device's organisation, else null
 * @param municipalityId the handläggare's municipality, else null
 * @param subjectId      for a device: the client or volunteer it belongs to, else null
 * @param sessionId      the session (refresh-token family) of the token
 */
@Published
public record Caller(Kind kind, UUID id, String role, UUID organisationId, UUID municipalityId,
                     UUID subjectId, UUID sessionId) {

    public enum Kind { STAFF, DEVICE }

    static final String CLAIM_KIND = "knd";
    static final String CLAIM_ORG = "org";
    static final String CLAIM_MUNICIPALITY = "mun";
    static final String CLAIM_SUBJECT = "sbj";
    static final String CLAIM_SESSION = "sid";

    public static Caller of(Authentication authentication) {
        var a = authentication.getAttributes();
        return new Caller(
                Kind.valueOf(String.valueOf(a.get(CLAIM_KIND))),
                UUID.fromString(authentication.getName()),
                authentication.getRoles().iterator().next(),
                uuid(a.get(CLAIM_ORG)),
                uuid(a.get(CLAIM_MUNICIPALITY)),
                uuid(a.get(CLAIM_SUBJECT)),
                uuid(a.get(CLAIM_SESSION)));
    }

    private static UUID uuid(Object value) {
        return value == null ? null : UUID.fromString(value.toString());
    }

    /** This caller as the audit log records it. */
    public se.bredvid.audit.AuditLog.Actor actor() {
        var tenantKind = organisationId != null ? se.bredvid.audit.AuditLog.TenantKind.ORGANISATION
                : municipalityId != null ? se.bredvid.audit.AuditLog.TenantKind.MUNICIPALITY : null;
        var tenant = organisationId != null ? organisationId : municipalityId;
        return new se.bredvid.audit.AuditLog.Actor(kind == Kind.STAFF ? se.bredvid.audit.AuditLog.ActorKind.STAFF
                : se.bredvid.audit.AuditLog.ActorKind.DEVICE, id, role, tenantKind, tenant);
    }

    public boolean is(String role) {
        return this.role.equals(role);
    }

    /** The organisation of a coordinator or device; fails closed for anyone else. */
    public UUID requireOrganisation() {
        return Optional.ofNullable(organisationId)
                .orElseThrow(() -> se.bredvid.platform.ProblemException.forbidden("No organisation."));
    }

    /** The municipality of a handläggare; fails closed for anyone else. */
    public UUID requireMunicipality() {
        return Optional.ofNullable(municipalityId)
                .orElseThrow(() -> se.bredvid.platform.ProblemException.forbidden("No municipality."));
    }
}
