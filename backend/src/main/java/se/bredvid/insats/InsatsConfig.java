package se.bredvid.insats;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * @param reminderDays how many days before a planned follow-up both parties are reminded and the client's
 *                     questionnaire opens
 */
@ConfigurationProperties("bredvid.insats")
public record InsatsConfig(@Bindable(defaultValue = "14") @Min(0) @Max(90) int reminderDays) {
}
