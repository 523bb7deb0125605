package com.refundhub.ledger;

import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestFingerprint;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 binds a CHECK constraint's IN list to the session that created the table: once that session is closed, every
 * row the constraint checks is refused. A fresh embedded ledger that the pool migrated broke when the pool retired
 * the migrating connection (~30 minutes in: a million-row benchmark stopped there). The hub's ledger is migrated on a
 * connection of its own and reopened, so replacing every pooled connection changes nothing.
 */
class H2SchemaSessionTest {
    @Test
    void aFreshLedgerStillMovesRefundsAfterThePoolReplacedEveryConnection() throws Exception {
        String url = "jdbc:h2:file:" + Files.createTempDirectory("schema-session").resolve("ledger");
        try (HikariDataSource ds = Database.openMigrated(url, "sa", "", 4)) {
            LedgerDatabase db = new LedgerDatabase(ds, Clock.systemUTC(), "test-instance");
            Refunds refunds = new Refunds(db);
            RefundRequest req = new RefundRequest("S-1", "O-1", "newpay", 100L, "LAK", null, null, null, null, null);
            refunds.record(req, RequestFingerprint.of(req), "HTTP", Duration.ofMinutes(5));

            ds.getHikariPoolMXBean().softEvictConnections();   // what maxLifetime does to each connection in time

            assertThat(refunds.transition("S-1", Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED)))
                    .get().extracting(r -> r.status()).isEqualTo(RefundStatus.SUBMITTED);
        }
    }
}
