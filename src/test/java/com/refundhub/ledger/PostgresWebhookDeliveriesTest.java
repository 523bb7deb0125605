package com.refundhub.ledger;

import javax.sql.DataSource;

/** Webhook deliveries on PostgreSQL (a real PostgreSQL server: PostgresServer). */
class PostgresWebhookDeliveriesTest extends WebhookDeliveriesContract {
    @Override
    protected DataSource dataSource() {
        return PostgresServer.freshDatabase(8);
    }
}
