package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** The operations ledger on the embedded default: an H2 file database. */
class H2OperationsLedgerTest extends OperationsLedgerContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:h2:file:" + Files.createTempDirectory("ops-h2").resolve("ledger"), "sa", "", 8);
    }
}
