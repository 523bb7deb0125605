package com.refundhub.app;

import com.refundhub.config.DbSettings;
import com.refundhub.ledger.Database;
import com.refundhub.ledger.EmbeddedLock;
import com.refundhub.ledger.H2Conversion;
import com.refundhub.ledger.LedgerBackup;
import com.refundhub.ledger.LedgerCheck;
import com.refundhub.ledger.LedgerRepair;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ledger's commands on the hub's command line ({@code --check-ledger}, {@code --backup}, {@code --repair-ledger},
 * {@code --migrate-ledger}), and the one line a hub that cannot open its ledger stops with. Each returns its exit
 * status: 0 done, 2 not.
 */
final class LedgerCommands {
    /** What to do when the ledger cannot be opened or is not sound. */
    static final String RECOVERY = "check it with: java -jar refundhub.jar --check-ledger; indexes that disagree with "
            + "their tables are rebuilt by --repair-ledger (hub stopped); otherwise restore the last backup "
            + "(docs/operations.md, \"Backups\")";

    private final PrintStream out;
    private final PrintStream err;

    LedgerCommands(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int check(DbSettings db) {
        if (missing(db)) {
            return 2;
        }
        try (HikariDataSource ds = Database.open(db.url(), db.user(), db.password(), 1)) {
            LedgerCheck.Report report = LedgerCheck.run(ds);
            if (report.sound()) {
                out.println("ledger sound: " + report.checked());
                return 0;
            }
            report.problems().forEach(p -> err.println("refundhub: ledger: " + p));
            err.println("refundhub: the ledger is not sound (" + report.problems().size() + " problems); "
                    + "indexes that disagree with their tables are rebuilt by --repair-ledger (hub stopped); otherwise "
                    + "restore the last backup (docs/operations.md, \"Backups\")");
            return 2;
        } catch (RuntimeException e) {
            err.println("refundhub: the ledger cannot be read: " + rootMessage(e) + "; " + RECOVERY);
            return 2;
        }
    }

    int backup(DbSettings db, Path file) {
        if (missing(db)) {
            return 2;
        }
        try (HikariDataSource ds = Database.open(db.url(), db.user(), db.password(), 1)) {
            LedgerBackup.Result r = LedgerBackup.write(ds, file);
            out.println("backup written: " + r.file() + " (" + r.bytes() + " bytes, " + r.refunds() + " refunds, "
                    + r.millis() + " ms); restore it by copying it over " + Database.embeddedFile(db.url())
                    + " while the hub is stopped");
            return 0;
        } catch (RuntimeException e) {
            err.println("refundhub: no backup: " + rootMessage(e));
            return 2;
        }
    }

    int repair(DbSettings db) {
        if (missing(db)) {
            return 2;
        }
        try {
            LedgerRepair.Result r = LedgerRepair.run(db.url());
            out.println("ledger repaired: " + r.indexes() + " indexes rebuilt from their tables; now "
                    + (r.after().sound() ? "sound: " + r.after().checked() : "still not sound"));
            r.after().problems().forEach(p -> err.println("refundhub: ledger: " + p));
            if (!r.after().sound()) {
                err.println("refundhub: the tables themselves are damaged: restore the last backup (docs/operations.md, "
                        + "\"Backups\")");
                return 2;
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("refundhub: the ledger cannot be repaired: " + rootMessage(e));
            return 2;
        }
    }

    int migrate(String h2Url) {
        try {
            Path target = H2Conversion.targetOf(h2Url);
            H2Conversion.Result r = H2Conversion.convert(h2Url, "sa", "", target);
            out.println("converted " + r.rows() + " into " + r.target() + "; set refundhub.db.url=jdbc:sqlite:"
                    + r.target() + " (or leave it unset when that is data/refundhub.db); the H2 file stays as it was");
            return 0;
        } catch (RuntimeException e) {
            err.println("refundhub: the H2 ledger was not converted: " + rootMessage(e));
            return 2;
        }
    }

    /** The hub's start stops here: one line, what is wrong and what recovers it. */
    void cannotOpen(DbSettings db, RuntimeException e) {
        Path file = Database.embeddedFile(db.url());
        boolean damaged = file != null && !(e instanceof EmbeddedLock.InUse);
        err.println("refundhub: the ledger " + (file == null ? "database" : file) + " cannot be opened: "
                + rootMessage(e) + (damaged ? "; " + RECOVERY : ""));
    }

    private boolean missing(DbSettings db) {
        Path file = Database.embeddedFile(db.url());
        if (file != null && !Files.exists(file)) {
            err.println("refundhub: there is no ledger at " + file);
            return true;
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.toString() : message.lines().findFirst().orElse(message);
    }
}
