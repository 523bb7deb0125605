package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.SampleChannel;
import com.refundhub.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probes of the real jar through a SIGTERM (SPEC §12): while refunds are at a slow provider the hub drains; all that
 * time {@code /health/ready} answers 503 DRAINING (problem+json) and {@code /health/live} 200, until the routes are down.
 */
@Tag("slow")
class ProbesIT {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void whileSigtermDrainsTheHubItIsNotReadyButStillLive() throws Exception {
        int httpPort = HubTestSupport.freePort();
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), "3s")) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, ItFixtures.hubConfig(httpPort, sandbox.port())
                    + "refundhub.jms.listen=tcp://127.0.0.1:" + HubTestSupport.freePort() + "\n");
            String base = "http://127.0.0.1:" + httpPort;
            try (HubProcess hub = HubProcess.start(dir, java.util.Map.of(), "--config", config.toString())) {
                assertThat(hub.awaitHttp(base + "/health/ready", Duration.ofSeconds(60))).as(hub.log()).isTrue();
                assertThat(get(base + "/health/live").statusCode()).isEqualTo(200);

                SampleChannel channel = JarProviders.channels().get(0);
                List<CompletableFuture<HttpResponse<String>>> refunds = new ArrayList<>();
                for (int i = 0; i < 4; i++) {   // each waits 3 s for the provider's answer
                    refunds.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/refunds"))
                            .header("Authorization", "Bearer it-key").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(channel.json("PROBE-" + i, "ORD-PROBE-" + i)))
                            .build(), HttpResponse.BodyHandlers.ofString()));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> sandbox.total("refundCalls") >= 4);

                hub.process().destroy();   // SIGTERM
                List<String> seen = new ArrayList<>();
                while (hub.process().isAlive()) {
                    String ready = readiness(base);
                    int live = status(base + "/health/live");
                    if (hub.process().isAlive()) {
                        seen.add(ready + " live=" + live);
                    }
                    Thread.sleep(50);
                }
                // before the JVM has handled the signal the hub may still say READY; from DRAINING on, never again
                int draining = seen.indexOf("503 DRAINING live=200");
                assertThat(draining).as("probes seen between SIGTERM and exit: " + seen + "\n" + hub.log())
                        .isNotNegative();
                assertThat(seen.subList(draining, seen.size())).as("probes seen from the first DRAINING on: " + seen)
                        .noneSatisfy(seenOnce -> assertThat(seenOnce).startsWith("200"));
                for (CompletableFuture<HttpResponse<String>> r : refunds) {
                    assertThat(r.join().statusCode()).as("a refund at the provider when SIGTERM came is answered")
                            .isEqualTo(202);
                }
            }
        }
    }

    /** "STATUS STATE" of /health/ready (a 503 only counts as DRAINING when it is problem+json), or "down". */
    private String readiness(String base) {
        try {
            HttpResponse<String> r = get(base + "/health/ready");
            if (!r.headers().firstValue("Content-Type").orElse("").contains(r.statusCode() == 200 ? "json" : "problem+json")) {
                return r.statusCode() + " not JSON: " + r.headers().firstValue("Content-Type").orElse("no type") + " "
                        + r.body();
            }
            JsonNode body = Json.MAPPER.readTree(r.body());
            return r.statusCode() + " " + body.path("state").asText();
        } catch (IOException e) {
            return "down";
        }
    }

    private int status(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return 0;
        }
    }

    private HttpResponse<String> get(String url) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
