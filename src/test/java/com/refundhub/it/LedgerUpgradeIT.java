package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.Json;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ledger the previous release (0.1, H2) made is taken over by this one. {@code release-0.1-h2.mv.db.gz} was written
 * by that release's jar (commit 2297bc0) on its defaults: six HTTP refunds on the three channels (succeeded, refused
 * by the provider, over the order's amount, one still PENDING), a batch file with a rejected line, and a webhook
 * endpoint that never answered; then stopped with SIGTERM.
 * <ul>
 * <li>On the defaults (no refundhub.db.url), {@code data/refundhub.mv.db} is converted into {@code data/refundhub.db}
 * at the first start: every refund, its history and exchanges, the batch and the webhook deliveries are there, the
 * PENDING one is inquired, and the H2 file is left as it was.</li>
 * <li>A configuration that names the H2 file explicitly is refused (exit 2, one line naming the command);
 * {@code --migrate-ledger URL} converts it, and the hub starts on the URL it prints.</li>
 * </ul>
 */
@Tag("slow")
class LedgerUpgradeIT {
    @TempDir
    Path dir;

    @Test
    void theDefaultH2LedgerOfTheLastReleaseIsConvertedAtFirstStartWithEverythingInIt() throws Exception {
        Path h2 = dir.resolve("data/refundhub.mv.db");
        unpackRelease(h2);
        byte[] before = Files.readAllBytes(h2);
        int httpPort = HubTestSupport.freePort();
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), "0ms")) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, config(httpPort, sandbox.port()));
            try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                String base = "http://127.0.0.1:" + httpPort;
                assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(90))).as(hub.log()).isTrue();
                assertThat(hub.log()).contains("converted 8 refunds from " + Path.of("./data/refundhub.mv.db"));
                Map<String, String> statuses = statuses(base);
                assertThat(statuses).containsEntry("R-1001", "SUCCEEDED").containsEntry("R-2001", "SUCCEEDED")
                        .containsEntry("R-3001", "SUCCEEDED").containsEntry("R-3002", "FAILED")
                        .containsEntry("R-4001", "FAILED").containsEntry("B-1", "SUCCEEDED").containsEntry("B-2", "SUCCEEDED")
                        .hasSize(8);
                JsonNode r1001 = get(base, "/refunds/R-1001");
                assertThat(r1001.get("metadata").get("ticket").asText()).isEqualTo("T-9");
                assertThat(r1001.get("history")).extracting(e -> e.get("status").asText())
                        .containsExactly("RECEIVED", "SUBMITTED", "SUCCEEDED");
                assertThat(r1001.get("createdAt").asText()).startsWith("2026-12-07T17:1");
                assertThat(r1001.get("exchanges")).hasSize(1);
                assertThat(get(base, "/refunds/R-3002").get("code").asText()).isEqualTo("AMOUNT_EXCEEDED");
                JsonNode batch = get(base, "/batches/fixture");
                assertThat(batch.get("rowsRejected").asLong()).isEqualTo(1);
                assertThat(get(base, "/webhooks/deliveries?webhook=erp").get("deliveries")).isNotEmpty();
                // R-5001 was PENDING: its inquiry comes due from the converted ledger (this sandbox never saw it, so its
                // provider no longer knows a refund it said it was processing: a person must look)
                await().atMost(Duration.ofSeconds(60)).until(() -> get(base, "/refunds/R-5001").get("inquiries").asInt() > 0);
                assertThat(get(base, "/refunds/R-5001").get("status").asText()).isIn("PENDING", "REVIEW");
                assertThat(hub.terminate(Duration.ofSeconds(60))).isTrue();
            }
        }
        assertThat(Files.readAllBytes(h2)).as("the H2 file stays as it was").isEqualTo(before);
        assertThat(LedgerIntegrity.check(dir)).startsWith("sound");
    }

    @Test
    void anExplicitH2LedgerIsRefusedWithTheCommandThatConvertsItAndTheHubStartsOnWhatItPrints() throws Exception {
        unpackRelease(dir.resolve("data/old.mv.db"));
        int httpPort = HubTestSupport.freePort();
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, config(httpPort, HubTestSupport.freePort()) + "refundhub.db.url=jdbc:h2:file:./data/old\n");

        Run refused = run("--config", config.toString());
        assertThat(refused.status()).isEqualTo(2);
        assertThat(refused.output()).contains("refundhub.db.url = \"jdbc:h2:file:./data/old\"")
                .contains("java -jar refundhub.jar --migrate-ledger jdbc:h2:file:./data/old").doesNotContain("\tat ");

        Run converted = run("--migrate-ledger", "jdbc:h2:file:./data/old");
        assertThat(converted.status()).as(converted.output()).isZero();
        assertThat(converted.output()).contains("refunds=8").contains("set refundhub.db.url=jdbc:sqlite:./data/old.db");
        assertThat(run("--migrate-ledger", "jdbc:h2:file:./data/old").status()).as("never over an existing ledger")
                .isEqualTo(2);

        Files.writeString(config, Files.readString(config).replace("jdbc:h2:file:./data/old", "jdbc:sqlite:./data/old.db"));
        try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
            String base = "http://127.0.0.1:" + httpPort;
            assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(90))).as(hub.log()).isTrue();
            assertThat(statuses(base)).hasSize(8).containsEntry("R-4001", "FAILED");
        }
    }

    static String config(int httpPort, int sandboxPort) {
        return ItFixtures.hubConfig(httpPort, sandboxPort).replaceAll("(?m)^refundhub\\.db\\.url=.*\n", "")
                + "refundhub.jms.enabled=false\n"
                + "refundhub.webhooks.erp.url=http://127.0.0.1:" + sandboxPort + "/nobody\n"
                + "refundhub.webhooks.erp.secret=whsec-fixture-0123456789\n";
    }

    /** The ledger the 0.1 release wrote, as {@code target}. */
    static void unpackRelease(Path target) throws Exception {
        Files.createDirectories(target.getParent());
        try (InputStream in = new GZIPInputStream(LedgerUpgradeIT.class.getResourceAsStream("/ledger/release-0.1-h2.mv.db.gz"))) {
            Files.copy(in, target);
        }
    }

    record Run(int status, String output) {
    }

    Run run(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(HubProcess.javaBin(), "-jar",
                HubProcess.JAR.toString()));
        cmd.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    static Map<String, String> statuses(String base) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode r : get(base, "/refunds?limit=100").get("refunds")) {
            out.put(r.get("refundId").asText(), r.get("status").asText());
        }
        return out;
    }

    static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer it-key").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }
}
