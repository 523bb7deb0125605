package com.refundhub.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/** Opens the ledger database (H2 file by default, PostgreSQL supported) and brings its schema up to date. */
public final class Database {
    private Database() {
    }

    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(withDefaults(url));
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(poolSize);
        cfg.setPoolName("ledger");
        cfg.setAutoCommit(true);
        return new HikariDataSource(cfg);
    }

    /**
     * H2's defaults do not suit a ledger: its lock timeout (1 s) is too short for guarded updates under load.
     * It writes commits to the file in the background: a killed process would lose the last of them, so before
     * every side effect the hub makes them durable ({@link Durability}); WRITE_DELAY=100 keeps the window for
     * the rest (history of a refund already settled, say) small. And H2 closes itself from a JVM shutdown hook,
     * while SIGTERM's graceful stop is still draining routes that record outcomes: DB_CLOSE_ON_EXIT=FALSE
     * leaves that to us.
     */
    static String withDefaults(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase();
        String out = url;
        if (!upper.contains("LOCK_TIMEOUT")) {
            out += ";LOCK_TIMEOUT=30000";
        }
        if (!upper.contains("WRITE_DELAY") && !upper.startsWith("JDBC:H2:MEM:")) {
            out += ";WRITE_DELAY=100";
        }
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            out += ";DB_CLOSE_ON_EXIT=FALSE";   // the hub closes it, after its routes have drained; not H2's own hook
        }
        return out;
    }

    /**
     * Opens the ledger with its schema brought up to date: what the hub uses.
     *
     * <p>On an embedded H2 file the migrations run on a connection of their own, and the database is then shut down
     * before the pool opens it again. H2 (2.4.240) binds a CHECK constraint's {@code IN (...)} list to the session
     * that created or altered the table; once that session is closed, every row the constraint checks fails with
     * "Check constraint invalid ... The database has been closed". Migrated on the pool, a fresh ledger broke when
     * the pool retired the migrating connection (after ~30 minutes: a million-row benchmark stopped at 857,000
     * rows). Reopened, H2 reads the schema with its own system session, which lives as long as the database.
     */
    public static HikariDataSource openMigrated(String url, String user, String password, int poolSize) {
        if (isEmbeddedH2File(url)) {
            try (HikariDataSource once = open(url, user, password, 4)) {   // Flyway and its callbacks hold several
                migrate(once);
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(withDefaults(url), user, password);
                 java.sql.Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");   // whatever DB_CLOSE_DELAY says
            } catch (java.sql.SQLException e) {
                throw new LedgerException("could not close the ledger after migrating it", e);
            }
            return open(url, user, password, poolSize);
        }
        HikariDataSource ds = open(url, user, password, poolSize);
        migrate(ds);
        return ds;
    }

    /**
     * Brings the schema up to date; the history's append-only trigger is (re)checked after every run. Out of order:
     * V6 (webhook deliveries) came after V7 (retention), so a ledger created at V7 takes V6 late; every migration
     * is written to stand on its own.
     */
    public static void migrate(javax.sql.DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration")
                .callbacks(new AppendOnlyHistory(), new H2Identities(), new ForeignKeyIndexes())
                .outOfOrder(true).load().migrate();
    }

    /** An H2 database in a file of this process: one writer, whose commits reach the file in the background. */
    public static boolean isEmbeddedH2File(String url) {
        return url.startsWith("jdbc:h2:file:");
    }

    public static boolean isEmbeddedH2(String url) {
        return url.startsWith("jdbc:h2:");
    }
}
