package com.refundhub.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Rebuilds every index of the embedded ledger from its table ({@code REINDEX}): what mends indexes that disagree with
 * their tables, the damage an unclean stop of a weaker engine left. The hub must be stopped (the ledger's lock is
 * taken). Tables that are damaged themselves are not mended here: that is a restore from backup.
 */
public final class LedgerRepair {
    private LedgerRepair() {
    }

    /** The indexes rebuilt, and the check after. */
    public record Result(long indexes, LedgerCheck.Report after) {
    }

    public static Result run(String url) {
        Path file = Database.embeddedFile(url);
        if (file == null) {
            throw new LedgerException("only an embedded ledger is repaired here; PostgreSQL has REINDEX of its own", null);
        }
        try (EmbeddedLock lock = EmbeddedLock.take(file);
             var ds = Database.open(url, null, null, 1)) {
            return reindex(ds);
        }
    }

    static Result reindex(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            long indexes = Jdbc.first(c, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'", Jdbc.NO_PARAMETERS,
                    rs -> rs.getLong(1)).orElse(0L);
            s.execute("REINDEX");
            return new Result(indexes, LedgerCheck.sqlite(c));
        } catch (SQLException e) {
            throw new LedgerException("could not rebuild the ledger's indexes: " + e.getMessage(), e);
        }
    }
}
