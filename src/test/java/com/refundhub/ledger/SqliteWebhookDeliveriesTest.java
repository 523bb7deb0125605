package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** Webhook deliveries on the embedded default: a SQLite file. */
class SqliteWebhookDeliveriesTest extends WebhookDeliveriesContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:sqlite:" + Files.createTempDirectory("webhooks-h2").resolve("ledger.db"), "sa", "", 8);
    }
}
