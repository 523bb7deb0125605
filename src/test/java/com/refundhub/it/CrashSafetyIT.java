package com.refundhub.it;

import com.refundhub.HubTestSupport;
import com.refundhub.SampleChannel;
import com.refundhub.core.Json;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
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
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real jar, killed with SIGKILL at random points several times while it works through a batch file and a
 * queue of JMS requests against slow simulators (in their own process, so they remember every refund number),
 * restarted each time. In the end every refund is final (or in REVIEW with a reason), none is lost, and no
 * refund number reached a simulator twice.
 */
@Tag("slow")
class CrashSafetyIT {
    static final int FILE_ROWS = 2000;
    static final int JMS_REFUNDS = 200;
    static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomPointsItNeverRefundsTwiceNorLosesARefund() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("crash test seed " + seed);
        int httpPort = HubTestSupport.freePort();
        int jmsPort = HubTestSupport.freePort();
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), "40ms")) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, ItFixtures.hubConfig(httpPort, sandbox.port())
                    + "refundhub.jms.listen=tcp://127.0.0.1:" + jmsPort + "\n");
            String health = "http://127.0.0.1:" + httpPort + "/health";
            Path resultsDir = dir.resolve("data/outbox");

            for (int run = 0; run <= KILLS; run++) {
                try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                    assertThat(hub.awaitHttp(health, Duration.ofSeconds(60))).as("run " + run + "\n" + hub.log()).isTrue();
                    if (run == 0) {
                        Files.writeString(dir.resolve("batch.part"), ItFixtures.batch(FILE_ROWS));
                        Files.move(dir.resolve("batch.part"), dir.resolve("data/inbox/batch.csv"));
                        sendJms(jmsPort, JMS_REFUNDS);
                    }
                    if (run < KILLS) {
                        Thread.sleep(1000 + random.nextInt(6000));
                        hub.kill();
                        continue;
                    }
                    long t0 = System.nanoTime();
                    try {
                        await().atMost(Duration.ofSeconds(240)).until(() -> Files.exists(resultsDir.resolve("batch.final.csv")));
                        System.out.println("final.csv after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                        await().atMost(Duration.ofSeconds(120)).until(() -> allJmsRefundsFinal(httpPort, JMS_REFUNDS));
                        System.out.println("JMS refunds final after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                    } finally {
                        Files.writeString(Path.of("target/crash-last-hub.log"), hub.log());
                    }
                    ItFixtures.printLedgerOfRepeatedNumbers(sandbox, httpPort);
                    ItFixtures.everyRowSettled(resultsDir.resolve("batch.final.csv"), FILE_ROWS);
                }
            }
            ItFixtures.everyNumberReachedItsProviderOnce(sandbox, FILE_ROWS + JMS_REFUNDS);
        }
    }

    /** {@code count} refunds CJ-0, CJ-1, ... on queue refunds.requests, spread over the jar's channels. */
    static void sendJms(int port, int count) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
             Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("refunds.requests"));
            List<SampleChannel> channels = JarProviders.channels();
            for (int i = 0; i < count; i++) {
                p.send(s.createTextMessage(channels.get(i % channels.size()).json("CJ-" + i, "ORD-CJ-" + i)));
            }
        }
    }

    static boolean allJmsRefundsFinal(int httpPort, int count) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/refunds/CJ-" + i))
                    .header("Authorization", "Bearer it-key").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            String status = Json.MAPPER.readTree(r.body()).get("status").asText();
            if (!status.equals("SUCCEEDED") && !status.equals("REVIEW")) {
                return false;
            }
        }
        return true;
    }
}
