package com.refundhub.it;

import com.refundhub.HubTestSupport;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code java -jar target/refundhub.jar [--config FILE]} as a user runs it, from a folder without routes/ or
 * config/ (so the jar's own copies are used): configuration precedence, a refund, SIGTERM.
 */
class RunnableJarIT {
    @TempDir
    Path dir;

    @Test
    void startsWithItsEmbeddedDefaultsLayeredConfigAndStopsOnSigterm() throws Exception {
        int filePort = HubTestSupport.freePort();
        int envPort = HubTestSupport.freePort();
        int sandboxPort = HubTestSupport.freePort();
        Path config = dir.resolve("my.properties");
        Files.writeString(config, String.join("\n",
                "refundhub.http.port=" + filePort,
                "refundhub.sandbox.port=" + sandboxPort,
                "refundhub.db.url=jdbc:sqlite:./data/ledger.db",
                "refundhub.http.api-keys=sandbox-key,second-key"));
        try (HubProcess hub = HubProcess.start(dir, Map.of("REFUNDHUB_HTTP_PORT", String.valueOf(envPort)),
                "--config", config.toString())) {
            assertThat(hub.awaitHttp("http://127.0.0.1:" + envPort + "/health", Duration.ofSeconds(60)))
                    .as("the environment variable wins over the --config file\n" + hub.log()).isTrue();
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + envPort + "/refunds"))
                    .header("Authorization", "Bearer second-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"refundId\":\"JAR-1\",\"orderId\":\"ORD-1\",\"channel\":\"trusty\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            assertThat(r.body()).contains("\"status\":\"SUCCEEDED\"");
            assertThat(Files.exists(dir.resolve("data/ledger.db"))).isTrue();
            // no routes/ here: every route of the project's route files was found in the jar and started
            assertThat(routeIdsOfTheProject()).hasSizeGreaterThan(20)
                    .allSatisfy(id -> assertThat(hub.log()).contains("Started " + id + " ("));

            long start = System.nanoTime();
            assertThat(hub.terminate(Duration.ofSeconds(30))).as("stopped after SIGTERM").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(hub.log()).contains("shutdown");
            assertThat(hub.log()).as("no secret in the log").doesNotContain("sandbox-trusty-192006250b4c0924")
                    .doesNotContain("second-key");
        }
    }

    private static List<String> routeIdsOfTheProject() throws IOException {
        Pattern routeId = Pattern.compile("(?m)^- route:\\s*\\n\\s+id: (\\S+)");
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = routeId.matcher(Files.readString(f));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    @Test
    void refusesToStartWithTheSandboxKeyAndTheSandboxOff() throws Exception {
        Path config = dir.resolve("prod.properties");
        Files.writeString(config, "refundhub.sandbox.enabled=false\nrefundhub.http.port=" + HubTestSupport.freePort() + "\n");
        try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
            assertThat(hub.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(hub.process().exitValue()).isNotZero();
            assertThat(hub.log()).contains("sandbox is off but refundhub.http.api-keys still holds the sandbox demo key");
        }
    }

    @Test
    void aMissingConfigFileIsNamed() throws Exception {
        try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", "nope.properties")) {
            assertThat(hub.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(hub.process().exitValue()).isEqualTo(2);
            assertThat(hub.log()).contains("nope.properties cannot be read");
        }
    }
}
