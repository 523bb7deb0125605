package com.refundhub.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;

/** Opens the ledger database (an embedded SQLite file by default, PostgreSQL supported) and brings its schema up to date. */
public final class Database {
    private Database() {
    }

    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        return new HikariDataSource(config(url, user, password, poolSize));
    }

    private static HikariConfig config(String url, String user, String password, int poolSize) {
        Engine engine = Engine.of(url);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("ledger");
        cfg.setAutoCommit(true);
        cfg.setMaximumPoolSize(poolSize);
        if (engine == Engine.SQLITE) {
            sqlite(cfg);
        } else {
            cfg.setUsername(user);
            cfg.setPassword(password);
        }
        return cfg;
    }

    /**
     * SQLite as a ledger: write-ahead log (readers never wait for the writer), every commit synced to disk before it
     * returns (synchronous FULL: a committed refund survives a power loss), foreign keys enforced, LIKE as case-sensitive
     * as on PostgreSQL. Writers take turns in the hub ({@link Jdbc}); the busy timeout only covers a checkpoint or an
     * outside reader such as a backup. The log is checkpointed into the database every 10,000 pages (40 MB: a page
     * the log holds many times is copied once; 1,000 pages wrote 10 % more per refund, bench/RESULTS.md) and cut back
     * to 64 MB after, so it cannot grow without bound.
     */
    private static void sqlite(HikariConfig cfg) {
        cfg.addDataSourceProperty("journal_mode", "WAL");
        cfg.addDataSourceProperty("synchronous", "FULL");
        cfg.addDataSourceProperty("foreign_keys", "true");
        cfg.addDataSourceProperty("busy_timeout", "30000");
        cfg.addDataSourceProperty("case_sensitive_like", "true");
        cfg.addDataSourceProperty("journal_size_limit", String.valueOf(64L << 20));
        cfg.addDataSourceProperty("wal_autocheckpoint", "10000");
        cfg.addDataSourceProperty("transaction_mode", "IMMEDIATE");   // a transaction is a writer's from its start
        cfg.setConnectionInitSql("PRAGMA temp_store = MEMORY");
    }

    /**
     * Opens the ledger with its schema brought up to date: what the hub uses. An embedded ledger is this hub's alone
     * while the pool is open ({@link EmbeddedLock}); one an earlier release kept on H2 beside it is converted first
     * ({@link H2Conversion}).
     */
    public static HikariDataSource openMigrated(String url, String user, String password, int poolSize) {
        Path file = embeddedFile(url);
        EmbeddedLock lock = null;
        if (file != null) {
            prepareDirectory(file);
            lock = EmbeddedLock.take(file);
        }
        HikariDataSource ds = null;
        try {
            if (file != null) {
                H2Conversion.convertBesideIfAny(file);
            }
            HikariConfig cfg = config(url, user, password, poolSize);
            ds = lock == null ? new HikariDataSource(cfg) : new LockedPool(cfg, lock);
            migrate(ds);
            return ds;
        } catch (RuntimeException e) {
            if (ds != null) {
                ds.close();
            } else if (lock != null) {
                lock.close();
            }
            throw e;
        }
    }

    /** The pool of an embedded ledger: closing it gives the ledger up for another hub. */
    private static final class LockedPool extends HikariDataSource {
        private final EmbeddedLock lock;

        LockedPool(HikariConfig cfg, EmbeddedLock lock) {
            super(cfg);
            this.lock = lock;
        }

        @Override
        public void close() {
            super.close();
            lock.close();
        }
    }

    /**
     * Brings the schema up to date; the history's append-only trigger is (re)checked after every run. Out of order:
     * V6 (webhook deliveries) came after V7 (retention) on PostgreSQL, so a ledger created at V7 takes V6 late; every
     * migration is written to stand on its own.
     */
    public static void migrate(javax.sql.DataSource ds) {
        Engine engine;
        try (java.sql.Connection c = ds.getConnection()) {
            engine = Engine.of(c.getMetaData().getURL());
        } catch (java.sql.SQLException e) {
            throw new LedgerException("cannot reach the ledger database", e);
        }
        Flyway.configure().dataSource(ds).locations(engine.migrations()).callbacks(new AppendOnlyHistory())
                .outOfOrder(true).load().migrate();
    }

    /** The file of an embedded SQLite ledger, or null for a server. */
    public static Path embeddedFile(String url) {
        if (Engine.of(url) != Engine.SQLITE) {
            return null;
        }
        String path = url.substring("jdbc:sqlite:".length()).replaceFirst("^file:", "").split("\\?")[0];
        return path.isEmpty() || path.startsWith(":memory:") ? null : Path.of(path);
    }

    private static void prepareDirectory(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
