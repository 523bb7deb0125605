package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** Retention on the embedded default: a SQLite file. */
class SqliteRetentionTest extends RetentionContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:sqlite:" + Files.createTempDirectory("retention-h2").resolve("ledger.db"), "sa", "", 8);
    }
}
