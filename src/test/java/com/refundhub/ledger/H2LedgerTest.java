package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** The ledger on the embedded default: an H2 file database. */
class H2LedgerTest extends LedgerContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:h2:file:" + Files.createTempDirectory("ledger-h2").resolve("ledger"), "sa", "", 16);
    }
}
