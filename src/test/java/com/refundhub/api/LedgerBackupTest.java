package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.ledger.Database;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /admin/backup} while refunds keep arriving: the backup is one consistent moment of the ledger (every
 * refund in it has its history, the file passes the integrity check), and restored it is a ledger the hub opens with
 * every refund it held.
 */
class LedgerBackupTest extends HubTestSupport {

    @Test
    void aBackupTakenWhileRefundsArriveIsOneConsistentMomentAndRestoresIntoAWorkingLedger() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(refund("BK-" + i, "ORD-BK-" + i, "trusty", null).statusCode()).isEqualTo(202);
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            for (int i = 0; writing.get(); i++) {
                refund("BK-LIVE-" + i, "ORD-BK-LIVE-" + i, "trusty", null);
                written.incrementAndGet();
            }
        });
        writer.start();
        HttpResponse<String> r;
        try {
            while (written.get() < 3) {
                Thread.sleep(20);
            }
            r = post("/admin/backup", "", KEY);
        } finally {
            writing.set(false);
            writer.join();
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        Path file = Path.of(body.get("file").asText());
        assertThat(file).exists().hasParent(dataDir.resolve("backups").toAbsolutePath());
        assertThat(file.getFileName().toString()).matches("refundhub-\\d{8}-\\d{6}\\.db");
        assertThat(body.get("bytes").asLong()).isEqualTo(Files.size(file));
        long refunds = body.get("refunds").asLong();
        assertThat(refunds).isBetween(5L + 3, 5L + written.get());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM refunds r WHERE NOT EXISTS "
                     + "(SELECT 1 FROM refund_history h WHERE h.refund_id = r.refund_id)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("refunds without their history: not one moment").isZero();
        }

        Path restored = dataDir.resolve("restored/refundhub.db");
        Files.createDirectories(restored.getParent());
        Files.copy(file, restored);
        try (var ds = Database.openMigrated("jdbc:sqlite:" + restored, null, null, 2)) {
            RefundQueries queries = new RefundQueries(new LedgerDatabase(ds, Clock.systemUTC(), "restore-test"));
            assertThat(queries.find("BK-4", true)).hasValueSatisfying(x -> assertThat(x.history()).isNotEmpty());
            assertThat(queries.countsByStatusAndChannel().stream().mapToLong(RefundQueries.StatusCount::count).sum())
                    .isEqualTo(refunds);
        }
    }
}
