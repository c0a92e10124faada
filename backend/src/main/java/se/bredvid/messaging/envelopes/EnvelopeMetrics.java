package se.bredvid.messaging.envelopes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code bredvid.envelopes.pending}: envelopes stored and not yet acknowledged by their recipient device, over
 * all instances. Cheap: one row per device in {@code device_queue} (last sequence minus acknowledged sequence),
 * never a scan of the envelopes; read at most every {@link #MAX_AGE_NANOS} however often it is scraped. NaN
 * while the database cannot be read.
 */
@Context
@Singleton
class EnvelopeMetrics {

    static final long MAX_AGE_NANOS = 15_000_000_000L;

    private final DataSource dataSource;
    private volatile double pending = Double.NaN;
    private volatile long readAt = System.nanoTime() - MAX_AGE_NANOS;

    EnvelopeMetrics(DataSource dataSource, MeterRegistry meters) {
        // The pool itself: the gauge reads outside any transaction.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        Gauge.builder("bredvid.envelopes.pending", this, EnvelopeMetrics::pending)
                .description("Envelopes stored and not yet acknowledged by their recipient device (all instances)")
                .register(meters);
    }

    synchronized double pending() {
        long now = System.nanoTime();
        if (now - readAt < MAX_AGE_NANOS) {
            return pending;
        }
        readAt = now;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            try (ResultSet rs = st.executeQuery("select coalesce(sum(last_seq - acked_seq), 0) from device_queue")) {
                rs.next();
                pending = rs.getLong(1);
            }
        } catch (SQLException e) {
            pending = Double.NaN;
        }
        return pending;
    }
}
