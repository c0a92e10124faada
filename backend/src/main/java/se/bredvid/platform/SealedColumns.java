package se.bredvid.platform;

import java.util.List;

/**
 * A module's columns sealed with the {@link FieldCipher}, so that a key rotation can re-encrypt them
 * ({@link FieldKeyRotation}). Each module declares its own; a test checks that every bytea column of the
 * schema is either declared here or reviewed as not field-sealed.
 */
public interface SealedColumns {

    /**
     * @param table      the table
     * @param column     the sealed column
     * @param contextSql an SQL expression over the row that gives the exact context the value was sealed with
     *                   (e.g. {@code 'insats.summary:' || id}); PostgreSQL prints a uuid as Java does
     */
    record SealedColumn(String table, String column, String contextSql) {
        public String name() {
            return table + "." + column;
        }
    }

    List<SealedColumn> sealedColumns();
}
