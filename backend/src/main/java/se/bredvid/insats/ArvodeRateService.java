package se.bredvid.insats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.UUID;

/**
 * The municipality's arvode rate per hour, so that the desk can show each time report's arvode (hours × rate)
 * beside the hours; expenses (omkostnad) are paid as reported. Payroll stays the municipality's: the CSV export
 * carries hours and expenses, not amounts computed here.
 */
@Singleton
class ArvodeRateService {

    /** The rate in SEK per hour; null until the municipality set one. */
    @Serdeable
    record Rate(@Nullable BigDecimal perHour) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewRate(@NotNull @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 6, fraction = 2) BigDecimal perHour) {
    }

    private final InsatsStore store;
    private final AuditLog audit;
    private final Clock clock;

    ArvodeRateService(InsatsStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Rate get(Caller caller) {
        UUID mun = InsatsService.requireRole(caller, Roles.HANDLAGGARE).requireMunicipality();
        return new Rate(store.arvodeRateOre(mun).map(ore -> BigDecimal.valueOf(ore, 2)).orElse(null));
    }

    @Transactional
    public Rate set(Caller caller, NewRate rate) {
        UUID mun = InsatsService.requireRole(caller, Roles.HANDLAGGARE).requireMunicipality();
        long ore = rate.perHour().movePointRight(2).longValueExact();
        store.setArvodeRate(mun, ore, caller.id(), clock.instant());
        audit.record(caller.actor(), "SET_ARVODE_RATE", "MUNICIPALITY", mun.toString());
        return get(caller);
    }
}
