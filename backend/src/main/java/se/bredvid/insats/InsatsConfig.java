package se.bredvid.insats;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.Duration;

/**
 * @param reminderDays how many days before a planned follow-up both parties are reminded and the client's
 *                     questionnaire opens
 * @param retention    how long a closed insats (ended, refused, withdrawn) and everything about it, time
 *                     reports included, is kept after it closed before it is deleted (gallring). The
 *                     municipality's own record is its journal; Bredvid keeps only the exchange.
 */
@ConfigurationProperties("bredvid.insats")
public record InsatsConfig(@Bindable(defaultValue = "14") @Min(0) @Max(90) int reminderDays,
                           @Bindable(defaultValue = "730d") Duration retention) {
}
