package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** The ledger on the embedded default: a SQLite file. */
class SqliteLedgerTest extends LedgerContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:sqlite:" + Files.createTempDirectory("ledger-h2").resolve("ledger.db"), "sa", "", 16);
    }
}
