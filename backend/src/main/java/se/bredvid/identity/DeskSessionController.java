package se.bredvid.identity;

import se.bredvid.platform.Redacted;
import se.bredvid.platform.Roles;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.validation.Valid;
import se.bredvid.audit.AuditLog;
import se.bredvid.platform.Problem;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.RequestSources;

import java.net.URI;
import java.util.Locale;

/**
 * The staff desk's session: the same sign-in as {@code /api/auth/login}, but the refresh token travels only
 * in an HttpOnly, Secure, SameSite=Strict cookie scoped to {@value #REFRESH_PATH}, never in a body the page's
 * script could read; the access token is returned for the page to hold in memory. A reload continues the
 * session through that cookie. Devices keep the JSON refresh flow.
 *
 * <p>CSRF: the cookie is the one ambient credential, so every endpoint that reads or sets it requires
 * (1) the custom header {@value #CSRF_HEADER}, which a cross-site form cannot send and a cross-site fetch can
 * send only after a CORS preflight this server never grants, (2) an {@code Origin} header naming this server,
 * and (3) {@code Sec-Fetch-Site: same-origin} when the browser sends it. SameSite=Strict keeps the cookie off
 * cross-site requests as a fourth layer. A refused request answers 403 problem+json ({@code cross-site-request}).
 */
@Controller("/api/auth/desk")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeskSessionController {

    static final String COOKIE = "__Secure-bredvid-desk";
    static final String REFRESH_PATH = "/api/auth/desk/refresh";
    static final String CSRF_HEADER = "X-Bredvid-Desk";

    /** What the desk gets: the access token (in memory only), or the enrolment URI; and its idle limit. */
    @Serdeable
    record DeskSession(String status, String accessToken, Long expiresIn, String provisioningUri,
                       long idleTimeoutSeconds) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    private final StaffAuthService staffAuth;
    private final TokenService tokens;
    private final SubjectLookups lookups;
    private final DeskConfig config;
    private final AuditLog audit;
    private final RequestSources sources;

    DeskSessionController(StaffAuthService staffAuth, TokenService tokens, SubjectLookups lookups, DeskConfig config,
                          AuditLog audit, RequestSources sources) {
        this.sources = sources;
        this.staffAuth = staffAuth;
        this.tokens = tokens;
        this.lookups = lookups;
        this.config = config;
        this.audit = audit;
    }

    /** Sign-in with password and TOTP, as {@code /api/auth/login}; the refresh token goes into the cookie. */
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> login(HttpRequest<?> request, @Body @Valid AuthController.LoginRequest body) {
        requireSameOrigin(request);
        StaffAuthService.LoginResult result = staffAuth.login(body.username(), body.password(), body.totp(), sources.of(request));
        if (result.tokens() == null) {
            return HttpResponse.ok(new DeskSession(result.status(), null, null, result.provisioningUri(),
                    config.idleTimeout().toSeconds()));
        }
        return signedIn(result.tokens());
    }

    /** Rotates the cookie's refresh token; a replayed (already rotated) one ends the whole session. */
    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> refresh(HttpRequest<?> request) {
        requireSameOrigin(request);
        String presented = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        if (presented == null || presented.isBlank()) {
            return unauthorized(TokenService.unauthorized());
        }
        try {
            return signedIn(tokens.refresh(presented, lookups));
        } catch (ProblemException e) {
            if (e.status() == HttpStatus.UNAUTHORIZED) {
                return unauthorized(e);
            }
            throw e;
        }
    }

    /** "Logga ut": ends this session and clears the cookie. */
    @Post("/logout")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.HANDLAGGARE})
    HttpResponse<?> logout(Caller caller) {
        tokens.revokeSession(caller.sessionId(), "LOGOUT");
        return HttpResponse.noContent().cookie(cleared());
    }

    /** "Logga ut överallt": ends every session of the caller's account (other browsers, devices, tabs). */
    @Post("/logout-everywhere")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.HANDLAGGARE})
    @Transactional
    HttpResponse<?> logoutEverywhere(Caller caller) {
        // The reason column has a closed set (V11); the audit entry below says it was every session.
        tokens.revokeAllOf(TokenService.STAFF, caller.id(), "LOGOUT");
        audit.record(caller.actor(), "REVOKE_SESSIONS", "STAFF_ACCOUNT", caller.id().toString());
        return HttpResponse.noContent().cookie(cleared());
    }

    private MutableHttpResponse<DeskSession> signedIn(TokenPair pair) {
        return HttpResponse.ok(new DeskSession("SIGNED_IN", pair.accessToken(), pair.expiresIn(), null,
                        config.idleTimeout().toSeconds()))
                .cookie(Cookie.of(COOKIE, pair.refreshToken()).path(REFRESH_PATH).httpOnly(true).secure(true)
                        .sameSite(SameSite.Strict));
    }

    private static MutableHttpResponse<Problem> unauthorized(ProblemException e) {
        return HttpResponse.<Problem>status(HttpStatus.UNAUTHORIZED).body(e.toProblem())
                .contentType(Problem.MEDIA_TYPE).cookie(cleared());
    }

    /** Session cookie (no Max-Age): closing the browser ends it; the server's session lifetime caps it too. */
    private static Cookie cleared() {
        return Cookie.of(COOKIE, "").path(REFRESH_PATH).httpOnly(true).secure(true).sameSite(SameSite.Strict).maxAge(0);
    }

    /** The CSRF guard described on the class. */
    void requireSameOrigin(HttpRequest<?> request) {
        var headers = request.getHeaders();
        String fetchSite = headers.get("Sec-Fetch-Site");
        String origin = headers.get("Origin");
        boolean ok = "1".equals(headers.get(CSRF_HEADER))
                && (fetchSite == null || fetchSite.equals("same-origin"))
                && origin != null && isOwnOrigin(origin, headers.get("Host"));
        if (!ok) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "cross-site-request", "Cross-site request refused",
                    "This request must come from the desk page of this server.");
        }
    }

    private boolean isOwnOrigin(String origin, String host) {
        String normalised = origin.trim().toLowerCase(Locale.ROOT);
        if (config.allowedOrigins().stream().anyMatch(o -> o.trim().toLowerCase(Locale.ROOT).equals(normalised))) {
            return true;
        }
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(normalised);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String h = host.trim().toLowerCase(Locale.ROOT);
            // A default port may be left out of either the Origin or the Host header.
            return authority.equals(h) || authority.equals(stripDefaultPort(h, uri.getScheme()))
                    || stripDefaultPort(authority, uri.getScheme()).equals(stripDefaultPort(h, uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stripDefaultPort(String authority, String scheme) {
        String suffix = "https".equals(scheme) ? ":443" : ":80";
        return authority.endsWith(suffix) ? authority.substring(0, authority.length() - suffix.length()) : authority;
    }
}
