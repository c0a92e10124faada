package se.bredvid.identity;

import se.bredvid.platform.Redacted;
import se.bredvid.platform.Roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.RequestSources;

import java.util.UUID;

@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record LoginRequest(@NotBlank @Size(max = 100) String username,
                        @NotBlank @Size(max = 200) String password,
                        @Pattern(regexp = "\\d{6}", message = "must be 6 digits") String totp) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    record Me(String kind, UUID id, String role, UUID organisationId, UUID municipalityId, UUID subjectId) {
    }

    private final StaffAuthService staffAuth;
    private final TokenService tokens;
    private final SubjectLookups lookups;
    private final RequestSources sources;

    AuthController(StaffAuthService staffAuth, TokenService tokens, SubjectLookups lookups, RequestSources sources) {
        this.staffAuth = staffAuth;
        this.tokens = tokens;
        this.lookups = lookups;
        this.sources = sources;
    }

    /**
     * Staff sign-in with password and TOTP. Every failure answers the same 401; repeated failures back off
     * per typed name and source (429 with Retry-After).
     */
    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    StaffAuthService.LoginResult login(@Body @Valid LoginRequest request, HttpRequest<?> http) {
        return staffAuth.login(request.username(), request.password(), request.totp(), sources.of(http));
    }

    /** Rotates a refresh token; re-use of a rotated token revokes the whole session. */
    @Post("/refresh")
    @Secured(SecurityRule.IS_ANONYMOUS)
    TokenPair refresh(@Body @Valid RefreshRequest request) {
        return tokens.refresh(request.refreshToken(), lookups);
    }

    /** Ends this session at once: its access and refresh tokens stop working. */
    @Post("/logout")
    @Status(HttpStatus.NO_CONTENT)
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.HANDLAGGARE, Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    void logout(Caller caller) {
        tokens.revokeSession(caller.sessionId(), "LOGOUT");
    }

    @Get("/me")
    @Secured({Roles.ADMIN, Roles.COORDINATOR, Roles.HANDLAGGARE, Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    Me me(Caller caller) {
        return new Me(caller.kind().name(), caller.id(), caller.role(), caller.organisationId(),
                caller.municipalityId(), caller.subjectId());
    }
}
