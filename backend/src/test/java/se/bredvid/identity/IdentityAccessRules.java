package se.bredvid.identity;

import se.bredvid.platform.Roles;

import jakarta.inject.Singleton;
import se.bredvid.testing.AccessRules;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.TestSubjects;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.Map.entry;

/** Who may call the identity and audit routes: the expected cells of the authorization matrix. */
@Singleton
class IdentityAccessRules implements AccessRules {

    static final Set<String> EVERYONE_SIGNED_IN = Set.of(Roles.ADMIN, Roles.COORDINATOR, Roles.HANDLAGGARE,
            Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE);
    static final Set<String> DEVICES = Set.of(Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE);
    static final Set<String> STAFF = Set.of(Roles.ADMIN, Roles.COORDINATOR, Roles.HANDLAGGARE);

    @Override
    public Map<String, Set<String>> rules() {
        return Map.ofEntries(
                entry("POST /api/auth/login", Set.of(ANONYMOUS)),
                entry("POST /api/auth/refresh", Set.of(ANONYMOUS)),
                entry("POST /api/auth/logout", EVERYONE_SIGNED_IN),
                entry("GET /api/auth/me", EVERYONE_SIGNED_IN),
                entry("POST /api/auth/desk/login", Set.of(ANONYMOUS)),
                entry("POST /api/auth/desk/refresh", Set.of(ANONYMOUS)),
                entry("POST /api/auth/desk/logout", STAFF),
                entry("POST /api/auth/desk/logout-everywhere", STAFF),
                entry("POST /api/admin/organisations", Set.of(Roles.ADMIN)),
                entry("GET /api/admin/organisations", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/municipalities", Set.of(Roles.ADMIN)),
                entry("GET /api/admin/municipalities", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/organisations/{id}/name", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/organisations/{id}/active", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/municipalities/{id}/name", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/municipalities/{id}/active", Set.of(Roles.ADMIN)),
                entry("GET /api/admin/links", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/links", Set.of(Roles.ADMIN)),
                entry("DELETE /api/admin/links/{municipalityId}/{organisationId}", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/staff", Set.of(Roles.ADMIN)),
                entry("GET /api/admin/staff", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/staff/{id}/disabled", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/staff/{id}/revoke-sessions", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/staff/{id}/reset-totp", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/staff/{id}/unlock", Set.of(Roles.ADMIN)),
                entry("POST /api/admin/field-keys/rotation", Set.of(Roles.ADMIN)),
                entry("GET /api/admin/audit/verify", Set.of(Roles.ADMIN)),
                entry("GET /api/admin/audit", Set.of(Roles.ADMIN)),
                entry("POST /api/pairing-codes", Set.of(Roles.COORDINATOR)),
                entry("POST /api/devices/pair", Set.of(ANONYMOUS)),
                entry("POST /api/devices/challenge", Set.of(ANONYMOUS)),
                entry("POST /api/devices/sign-in", Set.of(ANONYMOUS)),
                entry("GET /api/devices", Set.of(Roles.COORDINATOR)),
                entry("GET /api/devices/mine", DEVICES),
                entry("DELETE /api/devices/{id}", Set.of(Roles.COORDINATOR, Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE)),
                entry("DELETE /api/devices/me", DEVICES));
    }

    @Override
    public Map<String, TenantFixture> tenantFixtures() {
        return Map.of("DELETE /api/devices/{id}", (fx, owner) -> {
            UUID client = UUID.randomUUID();
            TestSubjects.allow(SubjectKind.CLIENT, owner.organisationId(), client);
            Fixtures.PairedDevice device = fx.pairedDevice(owner.coordinator(), SubjectKind.CLIENT, client);
            return "/api/devices/" + device.deviceId();
        });
    }
}
