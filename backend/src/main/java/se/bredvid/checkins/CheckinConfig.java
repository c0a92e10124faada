package se.bredvid.checkins;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param defaultGrace    how long after it falls due an unanswered check-in counts as missed, unless the
 *                        schedule says otherwise
 * @param adHocDeadline   how long a check-in the client opens outside the schedule stays open
 * @param defaultZone     the time zone of a schedule that names none; unset, the organisation's calendar
 *                        ({@code bredvid.calendar.zone}, {@link se.bredvid.platform.Calendar})
 * @param alarmEscalateAfter a client's "I need help now" that nobody has acknowledged within this time
 *                        escalates: the kontaktperson's phones are woken again, the coordinators mailed
 *                        again, and the desk shows it overdue
 */
@ConfigurationProperties("bredvid.checkins")
public record CheckinConfig(@Bindable(defaultValue = "12h") Duration defaultGrace,
                            @Bindable(defaultValue = "1h") Duration adHocDeadline,
                            @Nullable String defaultZone,
                            @Bindable(defaultValue = "10m") Duration alarmEscalateAfter) {
}
