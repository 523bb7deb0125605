package com.refundhub.ledger;

import javax.sql.DataSource;

/** The ledger on PostgreSQL (a real PostgreSQL server: PostgresServer). */
class PostgresLedgerTest extends LedgerContract {
    @Override
    protected DataSource dataSource() {
        return PostgresServer.freshDatabase(16);
    }
}
