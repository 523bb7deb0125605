package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * H2 gives a foreign key an index of its own on exactly its column, even where the migration creates an index starting
 * with that column (for PostgreSQL, which makes none): {@code refund_history}, {@code provider_exchanges} and
 * {@code webhook_attempts} kept two indexes for one purpose, and every insert wrote both (H2 will not bind a key to an
 * index with more columns). After every migration, on H2, the migration's index is dropped where the key's own index is
 * there: the key's index serves the same lookups ({@code WHERE refund_id = ?}, checked with EXPLAIN; H2 keeps a
 * secondary index's entries in row-id order within a key, the few rows of one refund are sorted by id). Idempotent;
 * PostgreSQL keeps the migration's indexes.
 */
public final class ForeignKeyIndexes extends AfterMigrate {
    /** A table, and the index of a migration that duplicates the one H2 made for the table's foreign key. */
    record Duplicate(String table, String index) {
    }

    static final List<Duplicate> DUPLICATES = List.of(
            new Duplicate("REFUND_HISTORY", "REFUND_HISTORY_REFUND"),
            new Duplicate("PROVIDER_EXCHANGES", "PROVIDER_EXCHANGES_REFUND"),
            new Duplicate("WEBHOOK_ATTEMPTS", "WEBHOOK_ATTEMPTS_DELIVERY"));

    public ForeignKeyIndexes() {
        super("drop the ledger's duplicate indexes");
    }

    @Override
    void apply(Connection c, String product) throws SQLException {
        if (product.equals("H2")) {
            for (Duplicate d : DUPLICATES) {
                dropIfDuplicate(c, d);
            }
        }
    }

    private static void dropIfDuplicate(Connection c, Duplicate d) throws SQLException {
        Optional<String> keyIndex = Jdbc.first(c, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS "
                        + "WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'FOREIGN KEY'",
                Jdbc.params(d.table()), rs -> rs.getString(1));
        if (keyIndex.isEmpty() || keyIndex.get() == null || keyIndex.get().equals(d.index())) {
            return;   // no key (a table not made yet), or the key uses the migration's index: nothing duplicates it
        }
        Jdbc.update(c, "DROP INDEX IF EXISTS " + d.index(), Jdbc.NO_PARAMETERS);
    }
}
