package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.Json;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The jar with {@code refundhub.log.format=json} and tracing on (SPEC §12): every line it writes is one JSON object
 * (time, level, logger, message), and a line written while it works on a refund carries the refund's id, its channel and
 * the trace id of the caller's traceparent.
 */
class JsonLogIT {
    static final String TRACE_ID = "5af7651916cd43dd8448eb211c80319c";

    @TempDir
    Path dir;

    @Test
    void everyLineIsAJsonObjectAndARefundsLinesCarryItsIdChannelAndTraceId() throws Exception {
        HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        collector.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        collector.start();
        int httpPort = HubTestSupport.freePort();
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, String.join("\n",
                "refundhub.http.port=" + httpPort,
                "refundhub.sandbox.port=" + HubTestSupport.freePort(),
                "refundhub.jms.listen=tcp://127.0.0.1:" + HubTestSupport.freePort(),
                "refundhub.db.url=jdbc:sqlite:./data/ledger.db",
                "refundhub.inquiry.cron=* * * * * ?",
                "refundhub.channels.trusty.inquiry-backoff=1s",
                "refundhub.log.format=json",
                "refundhub.tracing.otlp-endpoint=http://127.0.0.1:" + collector.getAddress().getPort(),
                ""));
        String base = "http://127.0.0.1:" + httpPort;
        try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
            assertThat(hub.awaitHttp(base + "/health/ready", Duration.ofSeconds(60))).as(hub.log()).isTrue();
            // ERR-: the provider errs and keeps nothing; the inquiry finds no such refund and the hub resends once,
            // saying so in a line written while it works on the refund
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/refunds"))
                    .header("Authorization", "Bearer sandbox-key").header("Content-Type", "application/json")
                    .header("traceparent", "00-" + TRACE_ID + "-53995c3f42cd8ad8-01")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"refundId\":\"JL-ERR-1\",\"orderId\":\"ERR-JL-1\",\"channel\":\"trusty\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> hub.log().contains("resending once"));

            List<JsonNode> lines = new ArrayList<>();
            for (String line : hub.log().split("\n")) {
                JsonNode event = Json.MAPPER.readTree(line);   // throws on a line that is not JSON
                assertThat(event.isObject()).as(line).isTrue();
                assertThat(event.fieldNames()).toIterable().as(line).contains("time", "level", "logger", "message");
                lines.add(event);
            }
            assertThat(lines).hasSizeGreaterThan(10);
            JsonNode resend = lines.stream().filter(l -> l.get("message").asText().contains("resending once"))
                    .findFirst().orElseThrow();
            assertThat(resend.path("refundId").asText()).isEqualTo("JL-ERR-1");
            assertThat(resend.path("channel").asText()).isEqualTo("trusty");
            assertThat(resend.path("traceId").asText()).isEqualTo(TRACE_ID);
            assertThat(lines).filteredOn(l -> l.get("logger").asText().startsWith("org.apache.camel"))
                    .as("lines of the hub's start, no refund in their context").isNotEmpty()
                    .allSatisfy(l -> assertThat(l.has("refundId")).isFalse());
        } finally {
            collector.stop(0);
        }
    }
}
