package se.bredvid.recruiting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.platform.RequestSources;

import java.util.List;
import java.util.UUID;

/** The public form where a person applies to an organisation to become a kontaktperson. No sign-in. */
@Controller("/api/public")
@ExecuteOn(TaskExecutors.BLOCKING)
class ApplicationController {

    /** One line of text: no control characters (they would break CSV exports and PDF certificates). */
    static final String ONE_LINE = "[^\\p{Cntrl}]*";
    /** Digits with an optional leading + and single spaces or hyphens between: 7 to 15 digits (E.164). */
    static final String PHONE = "\\+?[0-9](?:[ -]?[0-9]){6,14}";

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewApplication(@NotBlank @Size(max = 200) @Pattern(regexp = ONE_LINE) String name,
                          @Email @Size(max = 254) String email,
                          @Pattern(regexp = PHONE, message = "must be a phone number, e.g. +46 70 123 45 67") String phone,
                          @NotEmpty @Size(max = 10) List<@NotNull @Pattern(regexp = "[a-z]{2,3}",
                                  message = "must be an ISO 639 language code, e.g. sv") String> languages,
                          @NotNull @Pattern(regexp = "SE-[A-Z]{1,2}", message = "must be a county code, e.g. SE-E") String region,
                          @Size(max = 100) @Pattern(regexp = ONE_LINE) String municipality,
                          @NotNull @Size(max = 21) List<@NotNull @Valid AvailabilitySlot> availability,
                          @Min(1) @Max(200) int hoursPerMonth,
                          @Min(1) @Max(3) int maxClients,
                          boolean digitalSupport,
                          @Size(max = 1000) String availabilityNote,
                          @NotBlank @Size(max = 4000) String motivation,
                          @NotNull @AssertTrue(message = "must be given to apply") Boolean consent,
                          @NotBlank @Size(max = 40) String consentTextVersion,
                          @NotBlank @Size(max = 200) String formStamp,
                          @Size(max = 2000) String website) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    private final ApplicationService applications;
    private final RequestSources sources;

    ApplicationController(ApplicationService applications, RequestSources sources) {
        this.applications = applications;
        this.sources = sources;
    }

    /** The consent text version the form must show and send back, and the form's signed hand-out time. */
    @Get("/volunteer-applications/consent")
    @Secured(SecurityRule.IS_ANONYMOUS)
    ApplicationService.ConsentInfo consent() {
        return applications.consent();
    }

    /**
     * An application. {@code formStamp} is the one the consent call handed out with the form; {@code website}
     * is a honeypot the form hides from people (see docs/recruiting.md).
     */
    @Post("/organisations/{organisationId}/volunteer-applications")
    @Status(HttpStatus.ACCEPTED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    ApplicationService.Receipt apply(@PathVariable UUID organisationId, @Body @Valid NewApplication body,
                                     HttpRequest<?> request) {
        return applications.apply(organisationId, body, sources.of(request));
    }
}
