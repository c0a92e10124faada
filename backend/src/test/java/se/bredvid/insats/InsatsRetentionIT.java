package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gallring: a closed insats and all that belongs to it are deleted once the retention has passed; open ones stay. */
@MicronautTest(transactional = false)
class InsatsRetentionIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    InsatsRetention retention;

    @Inject
    InsatsConfig config;

    @Inject
    DataSource dataSource;

    @Test
    void closedInsatserAreDeletedAfterTheRetentionAndOpenOnesStay() throws Exception {
        UUID org = fx.organisation();
        UUID mun = fx.municipality();
        Fixtures.Staff coordinator = fx.coordinator(org);
        Fixtures.Staff handlaggare = fx.handlaggare(mun);
        InsatsTestData data = new InsatsTestData(fx, clock);

        InsatsTestData.Case ended = data.granted(coordinator, handlaggare, mun, false);
        var device = data.volunteerDevice(coordinator, ended.volunteerId());
        assertEquals(201, fx.api.post("/api/me/time-reports", device.accessToken(), Map.of("insatsId", ended.insatsId(),
                "month", YearMonth.from(data.today()).minusMonths(1).toString(), "contacts", 1, "hours", BigDecimal.ONE,
                "expenses", List.of(Map.of("description", "Fika", "amount", BigDecimal.TEN)))).status());
        assertEquals(200, fx.api.post("/api/insatser/" + ended.insatsId() + "/end", handlaggare.accessToken(),
                Map.of("endedOn", data.today().toString(), "reason", "GOAL_REACHED")).status());
        InsatsTestData.Case refused = data.proposed(coordinator, mun, false);
        Map<String, Object> refuse = new HashMap<>();
        refuse.put("outcome", "REFUSED");
        refuse.put("decidedOn", data.today().toString());
        refuse.put("legalBasis", "4 kap. 1 § SoL");
        refuse.put("refusalReason", "Behovet tillgodoses på annat sätt.");
        assertEquals(200, fx.api.post("/api/insatser/" + refused.insatsId() + "/decision", handlaggare.accessToken(), refuse).status());
        InsatsTestData.Case open = data.granted(coordinator, handlaggare, mun, false);

        assertEquals(0, retention.purge(), "nothing is deleted before the retention has passed");
        try {
            clock.advance(config.retention().plus(Duration.ofDays(1)));
            assertEquals(2, retention.purge());
            assertEquals(0, retention.purge());
        } finally {
            clock.reset();
        }
        for (UUID gone : List.of(ended.insatsId(), refused.insatsId())) {
            assertEquals(0, count("select count(*) from insats where id = ?", gone));
            assertEquals(0, count("select count(*) from insats_decision where insats_id = ?", gone));
            assertEquals(0, count("select count(*) from insats_consent where insats_id = ?", gone));
            assertEquals(0, count("select count(*) from time_report where insats_id = ?", gone));
            assertEquals(1, count("select count(*) from audit_entry where action = 'PURGE' and object_id = ?", gone.toString()));
        }
        assertEquals(1, count("select count(*) from insats where id = ? and state = 'GRANTED'", open.insatsId()));
        assertEquals(1, count("select count(*) from insats_decision where insats_id = ?", open.insatsId()));
        assertEquals(0, count("select count(*) from time_report_expense e where not exists (select 1 from time_report r where r.id = e.report_id)"));
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
