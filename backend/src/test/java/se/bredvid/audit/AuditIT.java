package se.bredvid.audit;

import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    DataSource dataSource;

    @Inject
    ApplicationContext context;

    private Connection raw() throws SQLException {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = raw(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(1)
    void staffActionsAreAuditedAndTheChainVerifies() throws SQLException {
        var admin = fx.admin();
        var coordinator = fx.coordinator(fx.organisation());
        assertTrue(count("select count(*) from audit_entry where action in ('SIGN_IN', 'TOTP_ENROL') and object_id = '" + coordinator.id() + "'") >= 1);
        var r = fx.api.get("/api/admin/audit/verify", admin.accessToken());
        assertEquals(200, r.status());
        assertEquals("true", r.text("intact"), r.body());
        assertTrue(Long.parseLong(r.text("entriesChecked")) >= 5, r.body());
    }

    @Test
    @Order(2)
    void entriesHoldNoNamesOrSecrets() throws SQLException {
        var coordinator = fx.coordinator(fx.organisation());
        try (Connection c = raw(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select audit_entry::text from audit_entry")) {
            while (rs.next()) {
                String row = rs.getString(1);
                assertFalse(row.contains(coordinator.username()), row);
                assertFalse(row.contains(coordinator.password()), row);
            }
        }
    }

    @Test
    @Order(3)
    void theLogIsAppendOnly() {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = raw(); Statement st = c.createStatement()) {
                st.executeUpdate("update audit_entry set object_id = 'x' where seq = 1");
            }
        });
        assertTrue(e.getMessage().contains("append-only"));
    }

    @Test
    @Order(4)
    void alteringOneRowMakesVerificationNameThatRow() throws SQLException {
        var admin = fx.admin();
        long last = count("select max(seq) from audit_entry");
        long target = last / 2;
        try (Connection c = raw(); Statement st = c.createStatement()) {
            // An insider with owner rights can switch the trigger off; the chain still gives them away.
            st.execute("alter table audit_entry disable trigger audit_entry_no_update");
            st.executeUpdate("update audit_entry set action = 'READ' where seq = " + target);
            st.execute("alter table audit_entry enable trigger audit_entry_no_update");
        }
        var r = fx.api.get("/api/admin/audit/verify", admin.accessToken());
        assertEquals("false", r.text("intact"));
        assertEquals(String.valueOf(target), r.text("firstBrokenSeq"));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = AuditVerifyCommand.run(context, new PrintStream(out, true));
        assertEquals(1, exit);
        assertTrue(out.toString().contains("\"firstBrokenSeq\":" + target), out.toString());
    }

    @Test
    @Order(5)
    void onlyAnAdminMayVerify() {
        var coordinator = fx.coordinator(fx.organisation());
        assertEquals(403, fx.api.get("/api/admin/audit/verify", coordinator.accessToken()).status());
        assertEquals(401, fx.api.get("/api/admin/audit/verify", null).status());
    }
}
