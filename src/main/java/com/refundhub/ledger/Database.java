package com.refundhub.ledger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/** Opens the ledger database (an embedded SQLite file by default, PostgreSQL supported) and brings its schema up to date. */
public final class Database {
    private Database() {
    }

    /**
     * How long the hub waits for its ledger before it counts as unavailable (SPEC §13): {@code connection} for a
     * connection (from the pool, or a new one to PostgreSQL, which is also its connect and login timeout), {@code socket}
     * for one round trip with PostgreSQL (a statement stuck longer breaks its connection). Zero: no limit of the hub's
     * own (the command-line tools, whose checks may run for minutes).
     */
    public record Timeouts(Duration connection, Duration socket) {
        public static final Timeouts NONE = new Timeouts(Duration.ZERO, Duration.ZERO);
    }

    /** A pool without timeouts of the hub's own (tools, tests). */
    public static HikariDataSource open(String url, String user, String password, int poolSize) {
        return open(url, user, password, poolSize, Timeouts.NONE);
    }

    public static HikariDataSource open(String url, String user, String password, int poolSize, Timeouts timeouts) {
        return new HikariDataSource(config(url, user, password, poolSize, timeouts));
    }

    private static HikariConfig config(String url, String user, String password, int poolSize, Timeouts timeouts) {
        Engine engine = Engine.of(url);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setPoolName("ledger");
        cfg.setAutoCommit(true);
        cfg.setMaximumPoolSize(poolSize);
        if (!timeouts.connection().isZero()) {
            // a request waits this long for a connection; a pooled one idle for a while is checked within a third of it
            cfg.setConnectionTimeout(Math.max(250, timeouts.connection().toMillis()));
            cfg.setValidationTimeout(Math.max(250, timeouts.connection().toMillis() / 3));
        }
        if (engine == Engine.SQLITE) {
            sqlite(cfg);
        } else {
            cfg.setUsername(user);
            cfg.setPassword(password);
            postgres(cfg, timeouts);
        }
        return cfg;
    }

    /**
     * PostgreSQL's own timeouts (pgjdbc counts them in whole seconds): a connection attempt and its login within the
     * connection timeout, each round trip within the socket timeout (else the connection is closed and the statement
     * fails, rather than a request hanging on a database that stopped answering), and TCP keepalive for a peer that
     * vanished without closing. Also what {@link #postgresUrl} adds for Quartz's own pool.
     */
    private static void postgres(HikariConfig cfg, Timeouts timeouts) {
        postgresProperties(timeouts).forEach(cfg::addDataSourceProperty);
    }

    private static Map<String, String> postgresProperties(Timeouts timeouts) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("tcpKeepAlive", "true");
        if (!timeouts.connection().isZero()) {
            String seconds = String.valueOf(Math.max(1, timeouts.connection().toSeconds()));
            p.put("connectTimeout", seconds);
            p.put("loginTimeout", seconds);
        }
        if (!timeouts.socket().isZero()) {
            p.put("socketTimeout", String.valueOf(Math.max(1, timeouts.socket().toSeconds())));
        }
        return p;
    }

    /** A PostgreSQL URL with the hub's timeouts as parameters, for a pool made elsewhere (Quartz's job store). */
    public static String postgresUrl(String url, Timeouts timeouts) {
        StringBuilder out = new StringBuilder(url);
        char sep = url.contains("?") ? '&' : '?';
        for (var e : postgresProperties(timeouts).entrySet()) {
            if (!url.contains(e.getKey() + "=")) {
                out.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = '&';
            }
        }
        return out.toString();
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
        return openMigrated(url, user, password, poolSize, Timeouts.NONE);
    }

    /** As above, with the hub's {@link Timeouts}. */
    public static HikariDataSource openMigrated(String url, String user, String password, int poolSize,
                                                Timeouts timeouts) {
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
            HikariConfig cfg = config(url, user, password, poolSize, timeouts);
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
