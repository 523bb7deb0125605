package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** The operations ledger on the embedded default: a SQLite file. */
class SqliteOperationsLedgerTest extends OperationsLedgerContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:sqlite:" + Files.createTempDirectory("ops-h2").resolve("ledger.db"), "sa", "", 8);
    }
}
