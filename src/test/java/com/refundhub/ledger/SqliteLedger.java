package com.refundhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

/** A ledger of its own, on a SQLite file in a temporary folder, for the tests of the steps that write it. */
public record SqliteLedger(HikariDataSource ds, LedgerDatabase db, Refunds refunds, RefundQueries queries, RefundClaims claims)
        implements AutoCloseable {

    /** Migrated, on the system clock, as instance {@code test-instance}. */
    public static SqliteLedger open(String name) throws IOException {
        HikariDataSource ds = Database.open("jdbc:sqlite:" + Files.createTempDirectory(name).resolve("ledger.db"), "sa", "", 4);
        Database.migrate(ds);
        LedgerDatabase db = new LedgerDatabase(ds, Clock.systemUTC(), "test-instance");
        return new SqliteLedger(ds, db, new Refunds(db), new RefundQueries(db), new RefundClaims(db));
    }

    @Override
    public void close() {
        ds.close();
    }
}
