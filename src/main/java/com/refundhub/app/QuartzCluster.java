package com.refundhub.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz on its clustered JDBC job store, in the ledger's database ({@code refundhub.inquiry.clustered=true}):
 * with several hub instances on one PostgreSQL, each Quartz firing runs on one instance. (Each refund is
 * still claimed row by row in the ledger, so a second firing could not inquire a claimed refund anyway.)
 * The tables are Quartz's own DDL, shipped inside its jar, created once when missing.
 */
final class QuartzCluster {
    private static final Logger LOG = LoggerFactory.getLogger(QuartzCluster.class);
    /** advisory lock key taken while Quartz's tables are created (any number no one else uses) */
    private static final long TABLES_LOCK = 0x5266_4875_6251_747AL;

    private QuartzCluster() {
    }

    /** Quartz on its clustered JDBC job store, its connections from {@link QuartzConnections}. */
    static Properties properties(String schedulerName) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", schedulerName);
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.threadPool.threadCount", "4");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "10000");
        p.setProperty("org.quartz.jobStore.dataSource", "ledger");
        p.setProperty("org.quartz.dataSource.ledger.connectionProvider.class", QuartzConnections.class.getName());
        p.setProperty("org.quartz.dataSource.ledger.hub", schedulerName);
        return p;
    }

    /**
     * Creates Quartz's tables from the DDL in its jar unless they exist. Instances starting at the same moment take
     * turns (a transaction-scoped advisory lock): the first creates the tables, the others then
     * find them, instead of failing on a table another instance has just created.
     */
    static void ensureTables(DataSource ds) throws SQLException, IOException {
        try (Connection c = ds.getConnection()) {
            if (tablesExist(c)) {
                return;
            }
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + TABLES_LOCK + ")");
            }
            if (tablesExist(c)) {
                c.commit();
                return;
            }
            String resource = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";
            String ddl;
            try (InputStream in = org.quartz.Scheduler.class.getResourceAsStream(resource)) {
                ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            StringBuilder sql = new StringBuilder();
            for (String line : ddl.split("\n")) {
                if (!line.trim().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            try (Statement st = c.createStatement()) {
                for (String statement : sql.toString().split(";")) {
                    String s = statement.trim();
                    String head = s.toUpperCase();
                    if (s.isEmpty() || head.startsWith("DROP") || head.startsWith("COMMIT")) {
                        continue;
                    }
                    st.execute(s);
                }
                c.commit();
                LOG.info("created the Quartz job store tables for clustered inquiry scheduling");
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static boolean tablesExist(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "qrtz_locks", null)) {
            return rs.next();
        }
    }
}
