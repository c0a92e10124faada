package se.bredvid.identity;

import se.bredvid.platform.Redacted;
import se.bredvid.platform.Roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import se.bredvid.platform.FieldKeyRotation;

import java.util.List;
import java.util.UUID;

@Controller("/api/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.ADMIN)
class AdminController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewTenant(@NotBlank @Size(max = 200) String name) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewStaff(@NotBlank @Size(min = 3, max = 100) @Pattern(regexp = "[A-Za-z0-9._@-]+") String username,
                    @NotBlank @Size(max = 200) String displayName,
                    @NotNull StaffRole role,
                    UUID organisationId,
                    UUID municipalityId,
                    @NotBlank @Size(min = 12, max = 200) String initialPassword) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Disable(boolean disabled) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Active(@NotNull Boolean active) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewLink(@NotNull UUID municipalityId, @NotNull UUID organisationId,
                   /* null: PROVIDER for a new link, unchanged for an existing one */
                   @Nullable AdminService.LinkModel model) {
    }

    private final AdminService admin;
    private final FieldKeyRotation rotation;

    AdminController(AdminService admin, FieldKeyRotation rotation) {
        this.admin = admin;
        this.rotation = rotation;
    }

    @Post("/organisations")
    @Status(HttpStatus.CREATED)
    AdminService.Tenant createOrganisation(Caller caller, @Body @Valid NewTenant body) {
        return admin.createOrganisation(caller.actor(), body.name());
    }

    @Get("/organisations")
    List<AdminService.Tenant> organisations() {
        return admin.organisations();
    }

    @Post("/municipalities")
    @Status(HttpStatus.CREATED)
    AdminService.Tenant createMunicipality(Caller caller, @Body @Valid NewTenant body) {
        return admin.createMunicipality(caller.actor(), body.name());
    }

    @Get("/municipalities")
    List<AdminService.Tenant> municipalities() {
        return admin.municipalities();
    }

    @Post("/organisations/{id}/name")
    AdminService.Tenant renameOrganisation(Caller caller, @PathVariable UUID id, @Body @Valid NewTenant body) {
        return admin.renameOrganisation(caller.actor(), id, body.name());
    }

    /** Deactivates or reactivates: a deactivated organisation's staff cannot sign in, it gets no new referrals. */
    @Post("/organisations/{id}/active")
    AdminService.Tenant setOrganisationActive(Caller caller, @PathVariable UUID id, @Body @Valid Active body) {
        return admin.setOrganisationActive(caller.actor(), id, body.active());
    }

    @Post("/municipalities/{id}/name")
    AdminService.Tenant renameMunicipality(Caller caller, @PathVariable UUID id, @Body @Valid NewTenant body) {
        return admin.renameMunicipality(caller.actor(), id, body.name());
    }

    @Post("/municipalities/{id}/active")
    AdminService.Tenant setMunicipalityActive(Caller caller, @PathVariable UUID id, @Body @Valid Active body) {
        return admin.setMunicipalityActive(caller.actor(), id, body.active());
    }

    /** Which municipalities work with which organisations. */
    @Get("/links")
    List<AdminService.Link> links() {
        return admin.links();
    }

    @Post("/links")
    @Status(HttpStatus.CREATED)
    AdminService.Link link(Caller caller, @Body @Valid NewLink body) {
        return admin.link(caller.actor(), body.municipalityId(), body.organisationId(), body.model());
    }

    @Delete("/links/{municipalityId}/{organisationId}")
    @Status(HttpStatus.NO_CONTENT)
    void unlink(Caller caller, @PathVariable UUID municipalityId, @PathVariable UUID organisationId) {
        admin.unlink(caller.actor(), municipalityId, organisationId);
    }

    @Post("/staff")
    @Status(HttpStatus.CREATED)
    AdminService.StaffView createStaff(Caller caller, @Body @Valid NewStaff body) {
        return admin.createStaff(caller.actor(), body.username(), body.displayName(), body.role(),
                body.organisationId(), body.municipalityId(), body.initialPassword());
    }

    @Get("/staff")
    List<AdminService.StaffView> staff() {
        return admin.staff();
    }

    @Post("/staff/{id}/disabled")
    AdminService.StaffView setDisabled(Caller caller, @PathVariable UUID id, @Body @Valid Disable body) {
        return admin.setDisabled(caller.actor(), id, body.disabled());
    }

    @Post("/staff/{id}/revoke-sessions")
    @Status(HttpStatus.NO_CONTENT)
    void revokeSessions(Caller caller, @PathVariable UUID id) {
        admin.revokeSessions(caller.actor(), id);
    }

    /** A lost authenticator: the next sign-in enrols a new one; every session of the account ends. */
    @Post("/staff/{id}/reset-totp")
    AdminService.StaffView resetTotp(Caller caller, @PathVariable UUID id) {
        return admin.resetTotp(caller.actor(), id);
    }

    /** Lifts the account's sign-in lock-out after failed attempts. */
    @Post("/staff/{id}/unlock")
    @Status(HttpStatus.NO_CONTENT)
    void unlock(Caller caller, @PathVariable UUID id) {
        admin.unlock(caller.actor(), id);
    }

    /** After a field-key rotation: re-encrypts every sealed value under the current key (see docs). */
    @Post("/field-keys/rotation")
    List<FieldKeyRotation.Result> rotateFieldKeys(Caller caller) {
        List<FieldKeyRotation.Result> results = rotation.rotateAll();
        admin.recordFieldKeyRotation(caller.actor(), results.stream().mapToInt(FieldKeyRotation.Result::resealed).sum());
        return results;
    }
}
