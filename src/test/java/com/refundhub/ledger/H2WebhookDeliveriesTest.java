package com.refundhub.ledger;

import java.nio.file.Files;
import javax.sql.DataSource;

/** Webhook deliveries on the embedded default: an H2 file database. */
class H2WebhookDeliveriesTest extends WebhookDeliveriesContract {
    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:h2:file:" + Files.createTempDirectory("webhooks-h2").resolve("ledger"), "sa", "", 8);
    }
}
