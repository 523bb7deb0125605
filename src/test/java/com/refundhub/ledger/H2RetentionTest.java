package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** Retention on the embedded default: an H2 file database. */
class H2RetentionTest extends RetentionContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:h2:file:" + Files.createTempDirectory("retention-h2").resolve("ledger"), "sa", "", 8);
    }
}
