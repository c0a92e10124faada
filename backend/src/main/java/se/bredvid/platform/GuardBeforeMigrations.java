package se.bredvid.platform;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/**
 * The production guard speaks before the database is touched: Flyway migrates when the data source is
 * created, so the guard is asked first, at that moment. A refused production start (a missing or public key,
 * a dev or demo environment) then leaves the database exactly as it was, instead of migrating it and only
 * then refusing.
 */
@Singleton
final class GuardBeforeMigrations implements BeanCreatedEventListener<DataSource>, Ordered {

    private final BeanProvider<ProductionGuard> guard;

    GuardBeforeMigrations(BeanProvider<ProductionGuard> guard) {
        this.guard = guard;
    }

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        guard.get();
        return event.getBean();
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
