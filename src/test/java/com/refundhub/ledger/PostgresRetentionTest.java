package com.refundhub.ledger;

import javax.sql.DataSource;

/** Retention on PostgreSQL (a real PostgreSQL server: PostgresServer). */
class PostgresRetentionTest extends RetentionContract {
    @Override
    protected DataSource dataSource() {
        return PostgresServer.freshDatabase(8);
    }
}
