package se.bredvid.platform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Exists only in tests: a JSON endpoint to prove the error model on. */
@Requires(property = "test.echo.enabled", value = "true")
@Controller("/test/echo")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class EchoTestController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record EchoRequest(@NotBlank @Size(max = 40) String name, @Min(0) @Max(10) int count) {
    }

    @Post
    EchoRequest echo(@Body @Valid EchoRequest request) {
        return request;
    }

    @Get("/{number}")
    int number(@PathVariable int number) {
        return number;
    }

    @Get("/conflict")
    String conflict() {
        throw ProblemException.conflict("echo-conflict", "Always conflicts.");
    }
}
