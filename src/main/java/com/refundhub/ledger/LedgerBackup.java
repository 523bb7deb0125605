package com.refundhub.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * An online, consistent backup of the embedded ledger, taken while the hub works: SQLite's {@code VACUUM INTO} reads
 * one snapshot (the write-ahead log lets the hub write meanwhile) into a new, compact database file. The backup is
 * written beside its name, checked (integrity, refunds counted) and only then given its name. Restoring is copying it
 * back while the hub is stopped (docs/operations.md, "Backups"). A PostgreSQL ledger is backed up with PostgreSQL's
 * own tools.
 */
public final class LedgerBackup {
    private LedgerBackup() {
    }

    /** What was written: the file, its size, the refunds in it, and how long it took. */
    public record Result(Path file, long bytes, long refunds, long millis) {
    }

    /** From the hub's own ledger (POST /admin/backup). */
    public static Result write(LedgerDatabase ledger, Path target) {
        return ledger.jdbc().read("could not back up the ledger", c -> write(c, target));
    }

    /** From a ledger opened for the purpose ({@code --backup FILE}, the hub running or not). */
    public static Result write(DataSource ledger, Path target) {
        try (Connection c = ledger.getConnection()) {
            return write(c, target);
        } catch (SQLException e) {
            throw new LedgerException("could not back up the ledger to " + target + ": " + e.getMessage(), e);
        }
    }

    private static Result write(Connection c, Path target) throws SQLException {
        long t0 = System.nanoTime();
        if (Files.exists(target)) {
            throw new LedgerException("backup " + target + " exists already", null);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(partial);
            if (Engine.under(c) != Engine.SQLITE) {
                throw new LedgerException("a PostgreSQL ledger is backed up with PostgreSQL's tools (pg_dump, "
                        + "pg_basebackup)", null);
            }
            try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, partial.toString());
                ps.execute();
            }
            long refunds;
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
                LedgerCheck.Report report = LedgerCheck.sqlite(copy);
                if (!report.sound()) {
                    throw new LedgerException("the backup is not sound: " + report.problems(), null);
                }
                refunds = Jdbc.first(copy, "SELECT COUNT(*) FROM refunds", Jdbc.NO_PARAMETERS, rs -> rs.getLong(1))
                        .orElse(0L);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, Files.size(target), refunds, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing was named a backup
            }
        }
    }
}
