package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** A step run after every migration (so at every start), told which database it is on. */
abstract class AfterMigrate extends BaseCallback {
    private final String what;

    /** @param what what the step does, for the error when it fails */
    AfterMigrate(String what) {
        this.what = what;
    }

    /** @param product the database's product name: "SQLite", "PostgreSQL" or "H2" */
    abstract void apply(Connection c, String product) throws SQLException;

    @Override
    public final boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public final void handle(Event event, Context context) {
        Connection c = context.getConnection();
        try {
            apply(c, c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new LedgerException("could not " + what, e);
        }
    }
}
