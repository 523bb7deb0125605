package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a killed process, the embedded H2 can reopen with an identity column's next value at or below ids its rows
 * already hold: rows made durable by a checkpoint, the identity's own state not. Seen in CrashSafetyIT and
 * OutageCrashIT: after a SIGKILL, new history and outbox rows were refused as duplicate keys, so refunds could not
 * move. At every start (after the migrations, before anything writes), each identity of the ledger is moved past its
 * table's largest id when it is not already; it is never moved back. H2 file mode has one process, so nothing
 * writes meanwhile. PostgreSQL's sequences are logged with the data and need nothing.
 */
public final class H2Identities extends AfterMigrate {
    private static final Logger LOG = LoggerFactory.getLogger(H2Identities.class);

    private record Identity(String table, String column, long next) {
    }

    public H2Identities() {
        super("check the ledger's identity columns");
    }

    @Override
    void apply(Connection c, String product) throws SQLException {
        if (!product.equals("H2")) {
            return;
        }
        List<Identity> identities = Jdbc.query(c, "SELECT TABLE_NAME, COLUMN_NAME, IDENTITY_BASE FROM "
                + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = SCHEMA() AND IS_IDENTITY = 'YES'",
                Jdbc.NO_PARAMETERS, rs -> new Identity(rs.getString(1), rs.getString(2), rs.getLong(3)));
        for (Identity id : identities) {
            long max = Jdbc.first(c, "SELECT COALESCE(MAX(\"" + id.column() + "\"), 0) FROM \"" + id.table() + "\"",
                    Jdbc.NO_PARAMETERS, rs -> rs.getLong(1)).orElse(0L);
            if (max >= id.next()) {
                Jdbc.update(c, "ALTER TABLE \"" + id.table() + "\" ALTER COLUMN \"" + id.column() + "\" RESTART WITH "
                        + (max + 1), Jdbc.NO_PARAMETERS);
                LOG.warn("ledger: {}.{} would have given id {} again after an unclean stop (largest is {}): "
                        + "it continues at {}", id.table(), id.column(), id.next(), max, max + 1);
            }
        }
    }
}
