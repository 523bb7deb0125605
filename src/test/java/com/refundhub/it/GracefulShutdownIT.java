package com.refundhub.it;

import com.refundhub.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM in the middle of a batch: the hub stops promptly, reads no further row, lets the calls in flight
 * finish (or marks the ones it cuts off PENDING/OUTCOME_UNKNOWN — never SUBMITTED), leaves the file in the
 * inbox, and the next start carries on to complete result files without sending any refund twice.
 */
@Tag("slow")
class GracefulShutdownIT {
    static final int ROWS = 600;

    @TempDir
    Path dir;

    @Test
    void sigtermDuringABatchLeavesEverythingRecoverableAndTheNextStartCarriesOn() throws Exception {
        int httpPort = HubTestSupport.freePort();
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), "200ms")) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, ItFixtures.hubConfig(httpPort, sandbox.port())
                    + "refundhub.batch.threads=12\nrefundhub.jms.listen=tcp://127.0.0.1:" + HubTestSupport.freePort() + "\n");
            Path inbox = dir.resolve("data/inbox");
            Path resultsDir = dir.resolve("data/outbox");
            String health = "http://127.0.0.1:" + httpPort + "/health";

            try (HubProcess first = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                assertThat(first.awaitHttp(health, Duration.ofSeconds(60))).as(first.log()).isTrue();
                Files.writeString(dir.resolve("batch.part"), ItFixtures.batch(ROWS));
                Files.move(dir.resolve("batch.part"), inbox.resolve("batch.csv"));
                await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.total("refundCalls") >= 80);
                long start = System.nanoTime();
                assertThat(first.terminate(Duration.ofSeconds(40))).as("stopped after SIGTERM").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(40));
                assertThat(first.log()).contains("stays in the inbox");
            }
            assertThat(Files.exists(inbox.resolve("batch.csv"))).as("the file waits for the next start").isTrue();
            assertThat(Files.exists(resultsDir.resolve("batch.results.csv"))).isFalse();
            Map<String, Integer> byStatus = statuses(dir.resolve("data/ledger.db"));
            assertThat(byStatus).as("nothing left SUBMITTED").doesNotContainKey("SUBMITTED");
            assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).isLessThan(ROWS);

            try (HubProcess second = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                assertThat(second.awaitHttp(health, Duration.ofSeconds(60))).as(second.log()).isTrue();
                await().atMost(Duration.ofSeconds(180)).until(() -> Files.exists(resultsDir.resolve("batch.final.csv")));
                List<String> finals = Files.readAllLines(resultsDir.resolve("batch.final.csv"));
                assertThat(finals).hasSize(ROWS + 1);
                assertThat(finals.subList(1, finals.size())).allSatisfy(row -> assertThat(row).contains(",SUCCEEDED,"));
                ItFixtures.printLedgerOfRepeatedNumbers(sandbox, httpPort);
            }
            for (JsonNode sim : sandbox.summary()) {
                assertThat(sim.get("doubleAcceptances").asLong()).isZero();
                assertThat(sim.get("refundNumbersCalledMoreThanOnce").asLong()).isZero();
            }
            assertThat(sandbox.total("refunds")).isEqualTo(ROWS);
        }
    }

    /** Refunds by status, read straight from the stopped hub's SQLite file. */
    static Map<String, Integer> statuses(Path db) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT status, COUNT(*) FROM refunds GROUP BY status")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getInt(2));
            }
        }
        return out;
    }
}
