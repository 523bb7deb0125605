package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.SampleChannel;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Configuration and data the process-level tests share. */
final class ItFixtures {
    private ItFixtures() {
    }

    static String hubConfig(int httpPort, int sandboxPort) {
        StringBuilder config = new StringBuilder(String.join("\n",
                "refundhub.http.port=" + httpPort,
                "refundhub.http.api-keys=it-key",
                "refundhub.sandbox.enabled=false",
                "refundhub.sandbox.port=" + sandboxPort,
                "refundhub.db.url=jdbc:sqlite:./data/ledger.db",
                "refundhub.inquiry.cron=* * * * * ?",
                "refundhub.recovery.interval=1s",
                "refundhub.batch.final-check-interval=1s",
                "refundhub.batch.read-lock-interval=500",
                "")).append('\n');
        for (SampleChannel channel : JarProviders.channels()) {
            config.append("refundhub.channels.").append(channel.name()).append(".max-concurrency=4\n");
            config.append("refundhub.channels.").append(channel.name()).append(".inquiry-backoff=1s\n");
        }
        return config.toString();
    }

    /** {@code rows} refunds spread over the jar's channels in turn. */
    static String batch(int rows) {
        List<SampleChannel> channels = JarProviders.channels();
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency\n");
        for (int i = 0; i < rows; i++) {
            SampleChannel c = channels.get(i % channels.size());
            csv.append("BR-").append(i).append(",ORD-BR-").append(i).append(',').append(c.name()).append(',')
                    .append(c.csvAmount()).append('\n');
        }
        return csv.toString();
    }

    /** Every row of a final results file is SUCCEEDED, or in REVIEW with a reason. */
    static void everyRowSettled(Path finalCsv, int rows) throws java.io.IOException {
        List<String> finals = java.nio.file.Files.readAllLines(finalCsv);
        assertThat(finals).hasSize(rows + 1);
        for (String row : finals.subList(1, finals.size())) {
            String[] cells = row.split(",", -1);
            assertThat(cells[2]).as(row).isIn("SUCCEEDED", "REVIEW");
            if (cells[2].equals("REVIEW")) {
                System.out.println("in REVIEW: " + row);   // a refund in REVIEW may never have reached its provider
                assertThat(cells[3] + cells[4]).as("a reason for " + row).isNotBlank();
            }
        }
    }

    /** The simulators accepted {@code refunds} numbers, none twice, and were asked to refund none of them twice. */
    static void everyNumberReachedItsProviderOnce(SandboxProcess sandbox, long refunds) throws Exception {
        JsonNode summary = sandbox.summary();
        for (JsonNode sim : summary) {
            assertThat(sim.get("doubleAcceptances").asLong()).as(summary.toString()).isZero();
            assertThat(sim.get("refundNumbersCalledMoreThanOnce").asLong()).as(summary.toString()).isZero();
        }
        assertThat(sandbox.total("refunds")).as("every refund reached its provider once").isEqualTo(refunds);
        assertThat(sandbox.count()).as("the count the benchmark polls").isEqualTo(refunds);
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

}
