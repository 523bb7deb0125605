package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.ProviderSwitch;
import com.refundhub.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link CrashSafetyIT}'s sibling with a provider that is down: the real jar is killed (SIGKILL) while refunds of an
 * open channel wait as RECEIVED, killed again while they are being sent after it came back, and once more during a
 * second outage; restarted each time. In the end every refund is final (or in REVIEW with a reason) and no refund
 * number reached a simulator twice. The outage is a {@link ProviderSwitch} in this test's process, in front of the
 * trusty simulator (the simulators run as their own process): it outlives the hub.
 */
@Tag("slow")
class OutageCrashIT {
    static final int FILE_ROWS = 600;
    static final int JMS_REFUNDS = 90;

    @TempDir
    Path dir;

    @Test
    void killedWhileRefundsWaitOnAnOpenChannelItSendsThemAllOnceAfterRestart() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("outage crash test seed " + seed);
        int httpPort = HubTestSupport.freePort();
        int jmsPort = HubTestSupport.freePort();
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), "40ms");
             ProviderSwitch trusty = ProviderSwitch.start(sandbox.port(), ProviderSwitch.Mode.DOWN)) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, ItFixtures.hubConfig(httpPort, sandbox.port())
                    + "refundhub.jms.listen=tcp://127.0.0.1:" + jmsPort + "\n"
                    + "refundhub.channels.trusty.base-url=http://127.0.0.1:" + trusty.port() + "/trusty\n"
                    + "refundhub.channels.trusty.breaker-open-for=1s\n");
            String health = "http://127.0.0.1:" + httpPort + "/health";
            Path resultsDir = dir.resolve("data/outbox");
            // run by run: the switch's mode while the hub runs, and whether the hub is killed at the end
            List<ProviderSwitch.Mode> outage = List.of(ProviderSwitch.Mode.DOWN, ProviderSwitch.Mode.DOWN,
                    ProviderSwitch.Mode.DOWN, ProviderSwitch.Mode.UP);

            for (int run = 0; run < outage.size(); run++) {
                trusty.set(outage.get(run));
                try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                    assertThat(hub.awaitHttp(health, Duration.ofSeconds(60))).as("run " + run + "\n" + hub.log()).isTrue();
                    if (run == 0) {
                        Files.writeString(dir.resolve("batch.part"), ItFixtures.batch(FILE_ROWS));
                        Files.move(dir.resolve("batch.part"), dir.resolve("data/inbox/batch.csv"));
                        CrashSafetyIT.sendJms(jmsPort, JMS_REFUNDS);
                        Thread.sleep(2000 + random.nextInt(3000));
                    } else if (run == 1) {
                        // killed while refunds of the open channel wait as RECEIVED ...
                        await().atMost(Duration.ofSeconds(60)).until(() -> !channelState(health).equals("CLOSED")
                                && waitingOnTrusty(httpPort) > 0);
                        Thread.sleep(500 + random.nextInt(1500));
                    } else if (run == 2) {
                        // ... while they are being sent after the provider came back ...
                        trusty.set(ProviderSwitch.Mode.UP);
                        Thread.sleep(300 + random.nextInt(1500));
                        hub.kill();
                        trusty.set(ProviderSwitch.Mode.DOWN);
                        continue;
                    }
                    if (run < outage.size() - 1) {
                        hub.kill();   // ... and during the outage (runs 0 and 1)
                        continue;
                    }
                    long t0 = System.nanoTime();
                    try {
                        await().atMost(Duration.ofSeconds(240)).until(() -> Files.exists(resultsDir.resolve("batch.final.csv")));
                        await().atMost(Duration.ofSeconds(120)).until(() -> CrashSafetyIT.allJmsRefundsFinal(httpPort, JMS_REFUNDS));
                        System.out.println("all final " + (System.nanoTime() - t0) / 1_000_000 + " ms after the last start");
                    } finally {
                        Files.writeString(Path.of("target/outage-crash-last-hub.log"), hub.log());
                    }
                    ItFixtures.printLedgerOfRepeatedNumbers(sandbox, httpPort);
                    ItFixtures.everyRowSettled(resultsDir.resolve("batch.final.csv"), FILE_ROWS);
                    assertThat(channelState(health)).isEqualTo("CLOSED");
                }
            }
            ItFixtures.everyNumberReachedItsProviderOnce(sandbox, FILE_ROWS + JMS_REFUNDS);
        }
    }

    /** How many refunds of channel trusty wait as RECEIVED with PROVIDER_UNAVAILABLE. */
    private static long waitingOnTrusty(int httpPort) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + httpPort + "/refunds?status=RECEIVED&channel=trusty&limit=100"))
                .header("Authorization", "Bearer it-key").build(), HttpResponse.BodyHandlers.ofString());
        long n = 0;
        for (JsonNode refund : Json.MAPPER.readTree(r.body()).get("refunds")) {
            if ("PROVIDER_UNAVAILABLE".equals(refund.path("code").asText())) {
                n++;
            }
        }
        return n;
    }

    private static String channelState(String healthUrl) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(healthUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode health = Json.MAPPER.readTree(r.body());
        assertThat(health.get("status").asText()).as(r.body()).isEqualTo("UP");
        return health.path("channels").path("trusty").path("state").asText();
    }
}
