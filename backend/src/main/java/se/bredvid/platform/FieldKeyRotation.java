package se.bredvid.platform;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-encrypts every sealed column under the current field key after a rotation: configure the new key as
 * current and keep the old one under {@code bredvid.crypto.field.keys}, run this (admin API), then remove
 * the old key. Works in short batches, each its own transaction, rows locked with SKIP LOCKED, so it runs
 * beside normal traffic and on several instances at once; a value written meanwhile is already current.
 */
@Singleton
public class FieldKeyRotation {

    private static final Logger LOG = LoggerFactory.getLogger(FieldKeyRotation.class);
    private static final int BATCH = 500;

    @Serdeable
    public record Result(String column, int resealed) {
    }

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final FieldCipher cipher;
    private final List<SealedColumns> modules;

    public FieldKeyRotation(JdbcOperations jdbc, TransactionOperations<Connection> transactions, FieldCipher cipher,
                            List<SealedColumns> modules) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.modules = modules;
    }

    public List<SealedColumns.SealedColumn> columns() {
        List<SealedColumns.SealedColumn> all = new ArrayList<>();
        modules.forEach(m -> all.addAll(m.sealedColumns()));
        return all;
    }

    /** Re-seals every value not under the current key; returns how many per column. */
    public List<Result> rotateAll() {
        List<Result> results = new ArrayList<>();
        for (SealedColumns.SealedColumn c : columns()) {
            int total = 0;
            int done;
            do {
                done = transactions.executeWrite(status -> rotateBatch(c));
                total += done;
            } while (done == BATCH);
            results.add(new Result(c.name(), total));
        }
        LOG.info("field key rotation: {} values re-sealed", results.stream().mapToInt(Result::resealed).sum());
        return results;
    }

    private int rotateBatch(SealedColumns.SealedColumn c) {
        // The key id sits after the version byte and its length byte (FieldCipher's layout).
        String select = "select ctid::text, " + c.column() + ", " + c.contextSql() + " from " + c.table()
                + " where " + c.column() + " is not null and substring(" + c.column() + " from 3 for get_byte("
                + c.column() + ", 1)) <> ? limit " + BATCH + " for update skip locked";
        List<Object[]> rows = jdbc.prepareStatement(select, ps -> {
            ps.setBytes(1, cipher.currentKeyId().getBytes(StandardCharsets.US_ASCII));
            ResultSet rs = ps.executeQuery();
            List<Object[]> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Object[]{rs.getString(1), rs.getBytes(2), rs.getString(3)});
            }
            return out;
        });
        for (Object[] row : rows) {
            byte[] resealed = cipher.reseal((byte[]) row[1], (String) row[2]);
            jdbc.prepareStatement("update " + c.table() + " set " + c.column() + " = ? where ctid = ?::tid", ps -> {
                ps.setBytes(1, resealed);
                ps.setString(2, (String) row[0]);
                return ps.executeUpdate();
            });
        }
        return rows.size();
    }
}
