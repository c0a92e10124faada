package se.bredvid.platform;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import se.bredvid.platform.Roles;
import se.bredvid.identity.SubjectKind;
import se.bredvid.testing.AccessRules;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every route of the application, taken from the router (so a new endpoint is covered without anyone
 * remembering to), called as every kind of principal (a public route, declared ANONYMOUS, is open to all); and every route with an object id called by the
 * right role of the wrong tenant. The expected cells come from each module's {@link AccessRules}, written
 * independently of the controllers' annotations. A route that no module declares fails the test.
 */
@MicronautTest(transactional = false)
class AuthorizationMatrixIT implements PostgresBacked {

    /** Calling these ends the caller's own session: each such cell gets a fresh principal. */
    private static final Set<String> SESSION_ENDING = Set.of("POST /api/auth/logout", "DELETE /api/devices/me",
            "POST /api/auth/desk/logout", "POST /api/auth/desk/logout-everywhere");

    /**
     * Public at the security layer but guarded by the route itself (the desk's cookie refresh refuses a
     * request without its CSRF header and Origin with 403, whoever calls): here everyone must get that 403,
     * which also shows the security layer let the anonymous call through (it would answer 401).
     */
    private static final Set<String> SELF_GUARDED = Set.of("POST /api/auth/desk/refresh");

    @Inject
    Router router;

    @Inject
    List<AccessRules> modules;

    @Inject
    Fixtures fx;

    private final Map<String, Set<String>> rules = new HashMap<>();
    private final Map<String, AccessRules.TenantFixture> fixtures = new HashMap<>();
    private final Map<String, Object> bodies = new HashMap<>();
    private final Map<String, Supplier<String>> principals = new LinkedHashMap<>();
    private AccessRules.TenantContext tenantA;
    private AccessRules.TenantContext tenantB;

    @BeforeAll
    void setUp() {
        for (AccessRules m : modules) {
            m.rules().forEach((route, who) -> {
                if (rules.put(route, who) != null) {
                    fail("route declared twice: " + route);
                }
            });
            fixtures.putAll(m.tenantFixtures());
            bodies.putAll(m.tenantBodies());
        }
        UUID orgA = fx.organisation();
        UUID munA = fx.municipality();
        tenantA = new AccessRules.TenantContext(orgA, munA, fx.coordinator(orgA), fx.handlaggare(munA));
        UUID orgB = fx.organisation();
        UUID munB = fx.municipality();
        tenantB = new AccessRules.TenantContext(orgB, munB, fx.coordinator(orgB), fx.handlaggare(munB));
        principals.put(AccessRules.ANONYMOUS, () -> null);
        principals.put(Roles.ADMIN, () -> fx.admin().accessToken());
        principals.put(Roles.COORDINATOR, () -> fx.coordinator(orgA).accessToken());
        principals.put(Roles.HANDLAGGARE, () -> fx.handlaggare(munA).accessToken());
        principals.put(Roles.CLIENT_DEVICE,
                () -> fx.pairedDevice(tenantA.coordinator(), SubjectKind.CLIENT, UUID.randomUUID()).accessToken());
        principals.put(Roles.VOLUNTEER_DEVICE,
                () -> fx.pairedDevice(tenantA.coordinator(), SubjectKind.VOLUNTEER, UUID.randomUUID()).accessToken());
    }

    private List<String> routes() {
        List<String> routes = new ArrayList<>();
        router.uriRoutes()
                .filter(r -> r.getUriMatchTemplate().toString().startsWith("/api/"))
                .forEach(r -> routes.add(key(r)));
        return routes.stream().distinct().sorted().toList();
    }

    private static String key(UriRouteInfo<?, ?> r) {
        return r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString();
    }

    /** HEAD mirrors GET (Micronaut adds it for every GET route); public routes are open to everyone. */
    private Set<String> ruleFor(String route) {
        if (route.startsWith("HEAD ")) {
            return rules.getOrDefault("GET " + route.substring(5), Set.of());
        }
        return rules.getOrDefault(route, Set.of());
    }

    @Test
    void everyRouteHasADeclaredRuleAndEveryRuleARoute() {
        Set<String> missing = new TreeSet<>(routes());
        missing.removeIf(r -> r.startsWith("HEAD ") && rules.containsKey("GET " + r.substring(5)));
        missing.removeAll(rules.keySet());
        assertTrue(missing.isEmpty(), "routes without a declared access rule: " + missing);
        Set<String> stale = new TreeSet<>(rules.keySet());
        stale.removeAll(routes());
        assertTrue(stale.isEmpty(), "declared rules for routes that do not exist: " + stale);
    }

    @TestFactory
    Stream<DynamicTest> everyPrincipalGetsExactlyTheAccessDeclared() {
        Map<String, String> tokens = new HashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (String route : routes()) {
            Set<String> allowed = ruleFor(route);
            for (String principal : principals.keySet()) {
                tests.add(DynamicTest.dynamicTest(route + " as " + principal, () -> {
                    String token = SESSION_ENDING.contains(route)
                            ? principals.get(principal).get()
                            : tokens.computeIfAbsent(principal, p -> principals.get(p).get());
                    int status = call(route, concretePath(route), token);
                    if (SELF_GUARDED.contains(route)) {
                        assertEquals(403, status, route + " must refuse a call without its CSRF header");
                    } else if (allowed.contains(principal) || allowed.contains(AccessRules.ANONYMOUS)) {
                        assertFalse(status == 401 || status == 403,
                                route + " must be allowed for " + principal + " but answered " + status);
                    } else {
                        assertEquals(principal.equals(AccessRules.ANONYMOUS) ? 401 : 403, status,
                                route + " must be denied for " + principal);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theRightRoleInTheWrongTenantFindsNothing() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String route : routes()) {
            AccessRules.TenantFixture fixture = fixtures.get(route);
            if (fixture == null) {
                continue;
            }
            for (String role : ruleFor(route)) {
                String token = switch (role) {
                    case Roles.COORDINATOR -> tenantB.coordinator().accessToken();
                    case Roles.HANDLAGGARE -> tenantB.handlaggare().accessToken();
                    case Roles.CLIENT_DEVICE -> fx.pairedDevice(tenantB.coordinator(), SubjectKind.CLIENT, UUID.randomUUID()).accessToken();
                    case Roles.VOLUNTEER_DEVICE -> fx.pairedDevice(tenantB.coordinator(), SubjectKind.VOLUNTEER, UUID.randomUUID()).accessToken();
                    default -> null;
                };
                if (token == null) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(route + " as " + role + " of another tenant", () -> {
                    String path = fixture.create(fx, tenantA);
                    HttpMethod method = HttpMethod.valueOf(route.substring(0, route.indexOf(' ')));
                    Object body = bodies.getOrDefault(route, method == HttpMethod.GET || method == HttpMethod.DELETE ? null : "{}");
                    var r = fx.api.send(method, path, token, body);
                    assertEquals(404, r.status(), route + " must not be found from another tenant: " + r);
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no tenant fixtures declared");
        return tests.stream();
    }

    private int call(String route, String path, String token) {
        HttpMethod method = HttpMethod.valueOf(route.substring(0, route.indexOf(' ')));
        Object body = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH ? "{}" : null;
        return fx.api.send(method, path, token, body).status();
    }

    private static String concretePath(String route) {
        return route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }
}
