package com.refundhub.app;

import com.refundhub.config.DbSettings;
import com.refundhub.config.HubSettings;
import com.refundhub.ledger.Database;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.OrderAmounts;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger: the database (opened, migrated, closed after the routes), this instance's identity in it, and the
 * ledger's parts the routes use. With clustered inquiry, Quartz keeps its job store in the same database.
 */
public class LedgerConfiguration implements CamelConfiguration {
    /** The ledger {@code java -jar} opened before Camel started (so that one it cannot open stops the hub with one line). */
    static final String OPENED = "ledgerOpenedAtStart";
    private static final Logger LOG = LoggerFactory.getLogger(LedgerConfiguration.class);
    /** Quartz's clustered job store's connections, besides the ledger's pool (docs/cluster.md counts them). */
    private static final int QUARTZ_CONNECTIONS = 5;
    private HikariDataSource dataSource;
    private LedgerDatabase ledger;

    @BindToRegistry("ledgerDataSource")
    public HikariDataSource ledgerDataSource(HubSettings settings, CamelContext context) throws Exception {
        ledger(settings, context);
        return dataSource;
    }

    @BindToRegistry("ledger")
    public LedgerDatabase ledgerDatabase(HubSettings settings, CamelContext context) throws Exception {
        return ledger(settings, context);
    }

    @BindToRegistry("refunds")
    public Refunds refunds(HubSettings settings, CamelContext context) throws Exception {
        return new Refunds(ledger(settings, context));
    }

    @BindToRegistry("refundQueries")
    public RefundQueries refundQueries(HubSettings settings, CamelContext context) throws Exception {
        return new RefundQueries(ledger(settings, context));
    }

    @BindToRegistry("orderAmounts")
    public OrderAmounts orderAmounts(HubSettings settings, CamelContext context) throws Exception {
        return new OrderAmounts(ledger(settings, context));
    }

    @BindToRegistry("refundClaims")
    public RefundClaims refundClaims(HubSettings settings, CamelContext context) throws Exception {
        RefundClaims claims = new RefundClaims(ledger(settings, context));
        if (ledger(settings, context).engine().embedded()) {
            int freed = claims.releaseAll();   // an embedded database has no other instance: old claims are ours
            if (freed > 0) {
                LOG.info("freed {} claims left by the previous run", freed);
            }
        }
        return claims;
    }

    /** Opened once, by whichever bean of this area is made first. */
    private synchronized LedgerDatabase ledger(HubSettings settings, CamelContext context) throws Exception {
        if (ledger == null) {
            DbSettings db = settings.db();
            HikariDataSource ds = context.getRegistry().lookupByNameAndType(OPENED, HikariDataSource.class);
            if (ds == null) {
                ds = Database.openMigrated(db.url(), db.user(), db.password(), db.poolSize(), timeouts(db));
            }
            dataSource = ds;
            context.addService(new OnStop("ledger database", ds::close));
            ledger = new LedgerDatabase(ds, Clock.systemUTC(), instanceId());
            if (settings.inquiry().clustered()) {
                QuartzCluster.ensureTables(ds);
                // Quartz's own connections, with the ledger's timeouts, dropped when the ledger goes and comes back
                HikariDataSource quartz = Database.open(db.url(), db.user(), db.password(), QUARTZ_CONNECTIONS,
                        timeouts(db));
                context.addService(new OnStop("quartz connections", quartz::close));   // Quartz closes it too
                QuartzConnections.handOver(context.getName(), quartz, ledger);
                Runnable fresh = () -> quartz.getHikariPoolMXBean().softEvictConnections();
                ledger.availability().onLoss(fresh);
                ledger.availability().onReturn(fresh);
                context.getComponent("quartz", QuartzComponent.class).setProperties(QuartzCluster.properties(
                        context.getName()));
            }
            // Quartz's clustered job store retries its database every few seconds, with a stack trace each time
            QuietWhileDown.of(ledger.availability(), "org.quartz", "com.zaxxer.hikari");
            LOG.info("ledger ready on {} (instance {})", db.url().replaceAll("password=[^;&]*", "password=***"),
                    ledger.instanceId());
        }
        return ledger;
    }

    /** The ledger's timeouts (SPEC §13: an unreachable ledger is answered within a deadline, never hung on). */
    static Database.Timeouts timeouts(DbSettings db) {
        return new Database.Timeouts(db.connectionTimeout(), db.socketTimeout());
    }

    /** Names this instance in leases and claims: host, process and a random part (a restart is a new instance). */
    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
