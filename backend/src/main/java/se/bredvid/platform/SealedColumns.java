package se.bredvid.platform;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A module's columns sealed with the {@link FieldCipher}, so that a key rotation can re-encrypt them
 * ({@link FieldKeyRotation}). Each module declares its own; a test checks that every bytea column of the
 * schema is either declared here or reviewed as not field-sealed.
 */
public interface SealedColumns {

    /**
     * One sealed column and the context (AEAD associated data) of its values: a fixed prefix and the row's key
     * columns joined by ':'. The one declaration gives both the context the code seals with
     * ({@link #context}) and the SQL expression a key rotation reads it back with ({@link #contextSql}), so
     * the two cannot drift apart (a drift would leave data unreadable after a rotation).
     *
     * @param table  the table
     * @param column the sealed column
     * @param prefix the context's fixed start, e.g. {@code insats.summary:}
     * @param keys   the columns whose values follow the prefix, e.g. {@code id}, or {@code insats_id, version}
     */
    record SealedColumn(String table, String column, String prefix, List<String> keys) {

        public SealedColumn {
            if (keys.isEmpty() || prefix.contains("'")) {
                throw new IllegalArgumentException("a sealed column needs key columns and a plain prefix");
            }
            keys = List.copyOf(keys);
        }

        /** Context {@code table.column:<id>}. */
        public static SealedColumn byId(String table, String column) {
            return of(table, column, "id");
        }

        /** Context {@code table.column:<key1>:<key2>...}. */
        public static SealedColumn of(String table, String column, String... keys) {
            return new SealedColumn(table, column, table + "." + column + ":", Arrays.asList(keys));
        }

        /** A context with its own prefix (the format a module used before this declaration existed). */
        public static SealedColumn prefixed(String table, String column, String prefix, String... keys) {
            return new SealedColumn(table, column, prefix, Arrays.asList(keys));
        }

        public String name() {
            return table + "." + column;
        }

        /** The context for the row with these key values, in the order of {@link #keys}. */
        public String context(Object... keyValues) {
            if (keyValues.length != keys.size()) {
                throw new IllegalArgumentException(name() + " is keyed by " + keys);
            }
            return prefix + Arrays.stream(keyValues).map(String::valueOf).collect(Collectors.joining(":"));
        }

        /** The same context as an SQL expression over the row (PostgreSQL prints a uuid as Java does). */
        public String contextSql() {
            return "'" + prefix + "' || " + String.join(" || ':' || ", keys);
        }
    }

    List<SealedColumn> sealedColumns();
}
