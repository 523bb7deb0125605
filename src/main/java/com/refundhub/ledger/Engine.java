package com.refundhub.ledger;

import java.sql.SQLException;
import java.sql.Wrapper;
import java.util.Locale;

/**
 * The ledger's database engines, and where their SQL differs. The embedded default is SQLite: one file under
 * {@code data/} in this process, written by one writer at a time, every commit synced to disk (WAL, synchronous
 * FULL), so a committed refund survives a killed process, an OS crash and a power loss; it replaced H2, whose file
 * a SIGKILL could leave with indexes that disagree with their tables (docs/guarantees.md). PostgreSQL is the
 * shared ledger of a cluster.
 */
public enum Engine {
    SQLITE("jdbc:sqlite:", "classpath:db/sqlite"),
    POSTGRESQL("jdbc:postgresql:", "classpath:db/migration");

    private final String urlPrefix;
    private final String migrations;

    Engine(String urlPrefix, String migrations) {
        this.urlPrefix = urlPrefix;
        this.migrations = migrations;
    }

    /** The engine of a JDBC URL; an H2 URL (the embedded engine before SQLite) is no ledger any more. */
    public static Engine of(String url) {
        for (Engine e : values()) {
            if (url.toLowerCase(Locale.ROOT).startsWith(e.urlPrefix)) {
                return e;
            }
        }
        throw new LedgerException("the ledger runs on SQLite (jdbc:sqlite:FILE) or PostgreSQL (jdbc:postgresql://...), not "
                + url.replaceAll("(?i)password=[^;&]*", "password=***"), null);
    }

    /** In this process, one instance only: leases and claims left in it are this hub's own from its last run. */
    public boolean embedded() {
        return this == SQLITE;
    }

    /** Flyway's location of this engine's migrations (the same versions on every engine). */
    String migrations() {
        return migrations;
    }

    /** Appended to a SELECT that locks the rows it reads for the rest of the transaction. SQLite has one writer at a time. */
    String forUpdate() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }

    /**
     * Makes a list query read {@code index} in its order: SQLite's planner may prefer an index that only filters
     * and then sorts; PostgreSQL's weighs the order itself.
     */
    String readIndex(String index) {
        return this == SQLITE ? " INDEXED BY " + index : "";
    }

    /** The engine of a pooled connection, statement or result set. */
    static Engine under(Wrapper jdbcObject) throws SQLException {
        return jdbcObject.isWrapperFor(SQLITE_CONNECTION) || jdbcObject.isWrapperFor(SQLITE_STATEMENT)
                || jdbcObject.isWrapperFor(SQLITE_RESULT_SET) ? SQLITE : POSTGRESQL;
    }

    private static final Class<?> SQLITE_CONNECTION = org.sqlite.SQLiteConnection.class;
    private static final Class<?> SQLITE_STATEMENT = org.sqlite.core.CoreStatement.class;
    private static final Class<?> SQLITE_RESULT_SET = org.sqlite.core.CoreResultSet.class;
}
