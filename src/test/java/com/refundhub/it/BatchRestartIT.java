package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hub killed (SIGKILL) in the middle of a batch file and started again: it reads the file again, sends no
 * row twice (the simulators, in their own process, count every refund number), and still writes complete
 * result files.
 */
@Tag("slow")
class BatchRestartIT {
    static final int ROWS = 1500;

    @TempDir
    Path dir;

    static String hubConfig(int httpPort, int sandboxPort) {
        return String.join("\n",
                "refundhub.http.port=" + httpPort,
                "refundhub.http.api-keys=it-key",
                "refundhub.sandbox.enabled=false",
                "refundhub.sandbox.port=" + sandboxPort,
                "refundhub.db.url=jdbc:h2:file:./data/ledger",
                "refundhub.inquiry.cron=* * * * * ?",
                "refundhub.recovery.interval=1s",
                "refundhub.batch.final-check-interval=1s",
                "refundhub.batch.read-lock-interval=500",
                "refundhub.channels.trusty.max-concurrency=4",
                "refundhub.channels.newpay.max-concurrency=4",
                "refundhub.channels.scanforpay.max-concurrency=4",
                "refundhub.channels.trusty.inquiry-backoff=1s",
                "refundhub.channels.newpay.inquiry-backoff=1s",
                "refundhub.channels.scanforpay.inquiry-backoff=1s",
                "") + "\n";
    }

    static String batch(int rows) {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency\n");
        for (int i = 0; i < rows; i++) {
            switch (i % 3) {
                case 0 -> csv.append("BR-").append(i).append(",ORD-BR-").append(i).append(",trusty,,\n");
                case 1 -> csv.append("BR-").append(i).append(",ORD-BR-").append(i).append(",newpay,100,USD\n");
                default -> csv.append("BR-").append(i).append(",ORD-BR-").append(i).append(",scanforpay,100,JPY\n");
            }
        }
        return csv.toString();
    }

    /** For a failure report: the hub's record of any refund number a simulator was asked for twice. */
    static void printLedgerOfRepeatedNumbers(SandboxProcess sandbox, int httpPort) throws Exception {
        for (JsonNode sim : sandbox.summary()) {
            for (JsonNode id : sim.get("examplesCalledMoreThanOnce")) {
                System.out.println("sent twice " + id.asText() + ": " + java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
                                + "/refunds/" + id.asText())).header("Authorization", "Bearer it-key").build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            }
        }
    }

    @Test
    void aKilledHubResumesTheFileWithoutSendingAnyRowTwice() throws Exception {
        int httpPort = HubTestSupport.freePort();
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), "40ms")) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, hubConfig(httpPort, sandbox.port()));
            Path inbox = dir.resolve("data/inbox");
            Path outbox = dir.resolve("data/outbox");
            String health = "http://127.0.0.1:" + httpPort + "/health";

            try (HubProcess first = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                assertThat(first.awaitHttp(health, Duration.ofSeconds(60))).as(first.log()).isTrue();
                Files.writeString(dir.resolve("batch.part"), batch(ROWS));
                Files.move(dir.resolve("batch.part"), inbox.resolve("batch.csv"));
                await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.total("refundCalls") >= ROWS / 3);
                first.kill();
            }
            assertThat(Files.exists(outbox.resolve("batch.results.csv"))).as("killed before the end").isFalse();
            long sentBeforeKill = sandbox.total("refundCalls");

            try (HubProcess second = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                assertThat(second.awaitHttp(health, Duration.ofSeconds(60))).as(second.log()).isTrue();
                await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(outbox.resolve("batch.final.csv")));
                List<String> results = Files.readAllLines(outbox.resolve("batch.results.csv"));
                List<String> finals = Files.readAllLines(outbox.resolve("batch.final.csv"));
                assertThat(results).hasSize(ROWS + 1);
                assertThat(finals).hasSize(ROWS + 1);
                Set<String> lines = new HashSet<>();
                for (String row : finals.subList(1, finals.size())) {
                    String[] cells = row.split(",", -1);
                    lines.add(cells[0]);
                    assertThat(cells[2]).as(row).isIn("SUCCEEDED", "REVIEW");
                }
                assertThat(lines).hasSize(ROWS);
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(inbox.resolve(".done/batch.csv")));
                assertThat(second.log()).doesNotContain("it-key");
                printLedgerOfRepeatedNumbers(sandbox, httpPort);
            }
            JsonNode summary = sandbox.summary();
            long accepted = 0;
            for (JsonNode sim : summary) {
                assertThat(sim.get("doubleAcceptances").asLong()).as(summary.toString()).isZero();
                assertThat(sim.get("refundNumbersCalledMoreThanOnce").asLong()).as(summary.toString()).isZero();
                accepted += sim.get("refunds").asLong();
            }
            assertThat(accepted).isEqualTo(ROWS);
            assertThat(sentBeforeKill).isLessThan(ROWS);
        }
    }
}
