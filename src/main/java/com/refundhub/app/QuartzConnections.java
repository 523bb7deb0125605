package com.refundhub.app;

import com.refundhub.ledger.LedgerDatabase;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.quartz.utils.ConnectionProvider;

/**
 * Where Quartz's clustered job store takes its connections: a pool the hub made with the ledger's timeouts
 * ({@link LedgerConfiguration}), whose connections the hub drops when the ledger goes and when it comes back, so that
 * Quartz never meets a connection the database closed meanwhile. Quartz makes this class itself
 * ({@code org.quartz.dataSource.ledger.connectionProvider.class}), hence the pool handed over beforehand under the
 * scheduler's name (its property {@code hub}: a test JVM may hold several hubs); Quartz closes it when it shuts down. Its failures count as the ledger's ({@link LedgerDatabase#reporting}), so an outage Quartz meets
 * first is still said once, by the hub.
 */
public class QuartzConnections implements ConnectionProvider {
    private static final Map<String, QuartzConnections> HANDED_OVER = new ConcurrentHashMap<>();
    private HikariDataSource pool;
    private LedgerDatabase ledger;

    /** The connections the scheduler named {@code hub} will take. */
    static void handOver(String hub, HikariDataSource connections, LedgerDatabase reportTo) {
        QuartzConnections c = new QuartzConnections();
        c.pool = connections;
        c.ledger = reportTo;
        HANDED_OVER.put(hub, c);
    }

    /** Set by Quartz from {@code org.quartz.dataSource.ledger.hub}. */
    public void setHub(String hub) {
        QuartzConnections c = HANDED_OVER.remove(hub);
        if (c == null) {
            throw new IllegalStateException("no connections handed over for scheduler " + hub);
        }
        pool = c.pool;
        ledger = c.ledger;
    }

    /** A connection whose failures that mean the database is gone mark the ledger unavailable before Quartz sees them. */
    @Override
    public Connection getConnection() throws SQLException {
        return ledger.reporting(pool.getConnection());
    }

    @Override
    public void shutdown() {
        pool.close();
    }

    @Override
    public void initialize() {
        // the pool is made by the hub
    }
}
