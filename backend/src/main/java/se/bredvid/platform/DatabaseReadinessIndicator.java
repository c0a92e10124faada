package se.bredvid.platform;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;

/**
 * Readiness follows the database: an instance that cannot reach PostgreSQL must be taken out of the
 * load balancer, since it could acknowledge nothing durably.
 */
@Singleton
@Readiness
final class DatabaseReadinessIndicator implements HealthIndicator {

    private final DataSource dataSource;
    private final ExecutorService blocking;

    DatabaseReadinessIndicator(DataSource dataSource, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        // The raw pool, not Micronaut Data's contextual connection proxy: this runs outside any transaction.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.blocking = blocking;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Mono.fromCallable(this::check).subscribeOn(Schedulers.fromExecutorService(blocking));
    }

    private HealthResult check() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return HealthResult.builder("database", HealthStatus.UP).build();
        } catch (SQLException e) {
            // The reason stays out of the answer: it could name hosts or users.
            return HealthResult.builder("database", HealthStatus.DOWN).build();
        }
    }
}
