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

    /** H2's default lock timeout (1 s) is too short for guarded updates under load. */
    static String withDefaults(String url) {
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase().contains("LOCK_TIMEOUT")) {
            return url + ";LOCK_TIMEOUT=30000";
        }
        return url;
    }

    public static void migrate(javax.sql.DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    public static boolean isEmbeddedH2(String url) {
        return url.startsWith("jdbc:h2:");
    }
}
