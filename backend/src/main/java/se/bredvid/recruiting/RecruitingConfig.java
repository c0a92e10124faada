package se.bredvid.recruiting;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Rules an installation may tune.
 *
 * @param backgroundCheckMaxAge    how old (from the date printed on it) a register extract may be at approval
 * @param supervisionMaxGapWeeks   an active volunteer without supervision for longer than this is flagged
 * @param consentTextVersion       the version of the consent text the public application form shows
 * @param completionMinSessions    distinct curriculum themes a volunteer must attend ("7 of 8")
 * @param completionRequireAllMandatory whether every mandatory theme must be among them
 * @param formMinFillTime          the public application form is refused if sent sooner than this after it was
 *                                 handed out (a bot fills it in at once; a person takes minutes)
 * @param formMaxAge               a form handed out longer ago than this must be reloaded
 */
@ConfigurationProperties("bredvid.recruiting")
public record RecruitingConfig(@Bindable(defaultValue = "365d") Duration backgroundCheckMaxAge,
                               @Bindable(defaultValue = "6") int supervisionMaxGapWeeks,
                               @Bindable(defaultValue = "2026-1") String consentTextVersion,
                               @Bindable(defaultValue = "7") int completionMinSessions,
                               @Bindable(defaultValue = "true") boolean completionRequireAllMandatory,
                               @Bindable(defaultValue = "5s") Duration formMinFillTime,
                               @Bindable(defaultValue = "24h") Duration formMaxAge) {

    public CompletionRule completionRule() {
        return new CompletionRule(completionMinSessions, completionRequireAllMandatory);
    }
}
