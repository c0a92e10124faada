package se.bredvid.testing;

import java.util.Map;
import java.util.Set;

/**
 * A module's expected access rules, declared independently of its controllers, for the authorization
 * matrix test. Each module's tests provide one {@code @Singleton} bean. Keys are {@code "METHOD /uri/template"}
 * exactly as the router lists them (e.g. {@code "GET /api/volunteers/{id}"}); values the principals that
 * may call it: {@link #ANONYMOUS}, {@code Roles.ADMIN}, {@code Roles.COORDINATOR}, {@code Roles.HANDLAGGARE},
 * {@code Roles.CLIENT_DEVICE}, {@code Roles.VOLUNTEER_DEVICE}. A route no bean lists fails the matrix test.
 *
 * <p>For routes with an object id in the path, {@link #tenantFixtures()} may give a fixture that creates
 * an object in one tenant and returns the concrete path; the matrix test then calls it as the allowed
 * role of another tenant and expects 404.
 */
public interface AccessRules {

    String ANONYMOUS = "ANONYMOUS";

    Map<String, Set<String>> rules();

    /** Creates an object owned by the given tenant and returns the concrete path to call for the route. */
    interface TenantFixture {
        String create(Fixtures fx, TenantContext owner);
    }

    /** The owning tenant's ids and a signed-in member of each allowed staff role there. */
    record TenantContext(java.util.UUID organisationId, java.util.UUID municipalityId,
                         Fixtures.Staff coordinator, Fixtures.Staff handlaggare) {
    }

    default Map<String, TenantFixture> tenantFixtures() {
        return Map.of();
    }

    /** A valid request body for routes whose tenant fixture needs one (so the call is not refused as a 400 first). */
    default Map<String, Object> tenantBodies() {
        return Map.of();
    }
}
