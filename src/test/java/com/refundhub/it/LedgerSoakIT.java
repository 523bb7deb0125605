package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.ProviderSwitch;
import com.refundhub.SampleChannel;
import com.refundhub.core.Json;
import com.refundhub.webhook.WebhookReceiver;
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
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash soak of the embedded ledger (issue 22): the real jar on its embedded defaults, killed with SIGKILL again
 * and again at random points while it works a mixed load — a batch file, JMS requests, HTTP clients that resubmit
 * until they hear an answer — with two webhook endpoints (one never answers), retention running, and one channel's
 * provider down for a while so its breaker opens once. After every kill the ledger is checked on its own (every index
 * against its table, the hub's {@code --check-ledger}); every start must reach a healthy hub by itself. In the end
 * every refund is final, none lost, none sent twice, every status change reached the JMS event subscriber and the
 * answering webhook endpoint, and the ledger is sound.
 *
 * <p>CI runs a short form; {@code -Dsoak.kills=100 -Dsoak.files=10 ...} is the long one (docs/guarantees.md). Knobs:
 * {@code soak.kills}, {@code soak.files} (dropped at even spaces over the runs, each with a batch of JMS requests),
 * {@code soak.rows} (per file), {@code soak.jms} (in all), {@code soak.http} (in all, by two clients, each pausing
 * {@code soak.http-pause-ms} between two refunds),
 * {@code soak.latency}, {@code soak.restart-ms} (between a kill and the next start), {@code soak.seed}.
 */
@Tag("slow")
class LedgerSoakIT {
    static final int KILLS = Integer.getInteger("soak.kills", 4);
    static final int FILES = Integer.getInteger("soak.files", 2);
    static final int ROWS = Integer.getInteger("soak.rows", 150);
    static final int JMS = Integer.getInteger("soak.jms", 40);
    static final int HTTP = Integer.getInteger("soak.http", 40);
    static final int HTTP_PAUSE_MS = Integer.getInteger("soak.http-pause-ms", 150);
    static final String LATENCY = System.getProperty("soak.latency", "40ms");
    static final int RESTART_MS = Integer.getInteger("soak.restart-ms", 300);
    static final String SECRET = "whsec-soak-5b1d9e";

    @TempDir
    Path dir;

    @Test
    void killedAgainAndAgainTheLedgerStaysSoundAndEveryRefundSettlesOnce() throws Exception {
        long seed = Long.getLong("soak.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("soak seed " + seed + ", kills " + KILLS);
        int httpPort = HubTestSupport.freePort();
        int jmsPort = HubTestSupport.freePort();
        String base = "http://127.0.0.1:" + httpPort;
        List<SampleChannel> channels = JarProviders.channels();
        SampleChannel switched = channels.get(1);
        try (SandboxProcess sandbox = SandboxProcess.start(dir, HubTestSupport.freePort(), LATENCY);
             ProviderSwitch provider = ProviderSwitch.start(sandbox.port(), ProviderSwitch.Mode.UP);
             WebhookReceiver erp = new WebhookReceiver(SECRET, Duration.ofHours(1), (event, attempt) -> 200);
             WebhookReceiver dead = new WebhookReceiver(SECRET, Duration.ofHours(1), (event, attempt) -> WebhookReceiver.NEVER);
             EventSubscriber events = new EventSubscriber(jmsPort)) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, soakConfig(httpPort, jmsPort, sandbox.port(), provider.port(), switched, erp, dead));
            ResubmittingClients clients = new ResubmittingClients(base, "CH", channels, HTTP, HTTP_PAUSE_MS);
            Path inbox = dir.resolve("data/inbox");
            Path outbox = dir.resolve("data/outbox");
            int breakerRun = Math.min(1, KILLS);
            List<String> checks = new ArrayList<>();

            for (int run = 0; run <= KILLS; run++) {
                try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                    assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(90)))
                            .as("start " + run + " must reach a healthy hub by itself\n" + tail(hub.log())).isTrue();
                    events.connect();
                    clients.start();
                    for (int f = 0; f < FILES; f++) {
                        if (run == f * KILLS / FILES) {   // a file and a batch of JMS requests, spread over the runs
                            drop(inbox, "soak-" + f, "S" + f, ROWS, channels);
                            sendJms(jmsPort, f * JMS / FILES, (f + 1) * JMS / FILES - f * JMS / FILES, channels);
                        }
                    }
                    if (run == breakerRun) {   // the provider goes away until the breaker has opened, then comes back
                        provider.set(ProviderSwitch.Mode.DOWN);
                        await().atMost(Duration.ofSeconds(60)).until(() -> channelState(base, switched.name()).equals("OPEN"));
                        provider.set(ProviderSwitch.Mode.UP);
                    }
                    if (run < KILLS) {
                        Thread.sleep(500 + random.nextInt(4000));
                        hub.kill();
                        events.disconnected();
                        Thread.sleep(RESTART_MS);
                        String check = LedgerIntegrity.check(dir);
                        checks.add(check);
                        assertThat(check).as("the ledger after kill " + (run + 1)).startsWith("sound");
                        continue;
                    }
                    try {
                        await().atMost(Duration.ofSeconds(300)).until(() -> allFinalFiles(outbox));
                        await().atMost(Duration.ofSeconds(120)).until(() -> clients.allAcknowledged()
                                || !clients.unexpected().isEmpty());
                        assertThat(clients.unexpected()).as("answers other than 200, 202 or 5xx").isEmpty();
                        await().atMost(Duration.ofSeconds(120)).until(() -> allFinal(base, ids(clients)));
                    } finally {
                        Files.writeString(Path.of("target/soak-last-hub.log"), hub.log());
                    }
                    Set<String> ids = ids(clients);
                    ItFixtures.printLedgerOfRepeatedNumbers(sandbox, httpPort);
                    for (int f = 0; f < FILES; f++) {
                        ItFixtures.everyRowSettled(outbox.resolve("soak-" + f + ".final.csv"), ROWS);
                    }
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                            assertThat(missing(ids, events.finals())).as("final events not received").isEmpty());
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                            assertThat(missing(ids, webhookFinals(erp))).as("final webhooks not delivered").isEmpty());
                    assertThat(hub.terminate(Duration.ofSeconds(60))).as("a clean stop").isTrue();
                }
            }
            ItFixtures.everyNumberReachedItsProviderOnce(sandbox, (long) FILES * ROWS + JMS + HTTP);
            String last = LedgerIntegrity.check(dir);
            checks.add(last);
            assertThat(last).as("the ledger at the end").startsWith("sound");
            assertThat(dead.requests()).as("the endpoint that never answers was tried").isNotEmpty();
            System.out.println("soak: " + KILLS + " kills, every start healthy, " + ids(clients).size()
                    + " refunds, " + checks.size() + " ledger checks sound; last: " + last);
        }
    }

    static String soakConfig(int httpPort, int jmsPort, int sandboxPort, int switchPort, SampleChannel switched,
                             WebhookReceiver erp, WebhookReceiver dead) {
        String config = ItFixtures.hubConfig(httpPort, sandboxPort).replaceAll("(?m)^refundhub\\.db\\.url=.*\n", "");
        return config + String.join("\n",
                "refundhub.jms.listen=tcp://127.0.0.1:" + jmsPort,
                "refundhub.channels." + switched.name() + ".base-url=http://127.0.0.1:" + switchPort + "/" + switched.type(),
                "refundhub.channels." + switched.name() + ".breaker-open-for=1s",
                "refundhub.webhooks.erp.url=" + erp.url(),
                "refundhub.webhooks.erp.secret=" + SECRET,
                "refundhub.webhooks.erp.statuses=SUCCEEDED,FAILED,REJECTED,REVIEW",
                "refundhub.webhooks.dead.url=" + dead.url(),
                "refundhub.webhooks.dead.secret=" + SECRET,
                "refundhub.webhooks.dead.timeout=1s",
                "refundhub.webhooks.dead.retry-backoff=1s,2s,5s",
                "refundhub.retention.max-age=1m",
                "refundhub.retention.interval=1s",
                "");
    }

    static void drop(Path inbox, String name, String prefix, int rows, List<SampleChannel> channels) throws Exception {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency\n");
        for (int i = 0; i < rows; i++) {
            SampleChannel c = channels.get(i % channels.size());
            csv.append(prefix).append('-').append(i).append(",ORD-").append(prefix).append('-').append(i).append(',')
                    .append(c.name()).append(',').append(c.csvAmount()).append('\n');
        }
        Path part = inbox.resolveSibling(name + ".part");
        Files.writeString(part, csv);
        Files.move(part, inbox.resolve(name + ".csv"));
    }

    static void sendJms(int port, int from, int count, List<SampleChannel> channels) throws Exception {
        try (var cf = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
             var c = cf.createConnection()) {
            var s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            var p = s.createProducer(s.createQueue("refunds.requests"));
            for (int i = from; i < from + count; i++) {
                p.send(s.createTextMessage(channels.get(i % channels.size()).json("CJ-" + i, "ORD-CJ-" + i)));
            }
        }
    }

    static boolean allFinalFiles(Path outbox) {
        for (int f = 0; f < FILES; f++) {
            if (!Files.exists(outbox.resolve("soak-" + f + ".final.csv"))) {
                return false;
            }
        }
        return true;
    }

    static Set<String> ids(ResubmittingClients clients) {
        Set<String> ids = new TreeSet<>(clients.ids());
        for (int f = 0; f < FILES; f++) {
            for (int i = 0; i < ROWS; i++) {
                ids.add("S" + f + "-" + i);
            }
        }
        for (int i = 0; i < JMS; i++) {
            ids.add("CJ-" + i);
        }
        return ids;
    }

    static boolean allFinal(String base, Set<String> ids) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String id : ids) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/refunds/" + id))
                    .header("Authorization", "Bearer it-key").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return false;
            }
            String status = Json.MAPPER.readTree(r.body()).get("status").asText();
            if (!status.equals("SUCCEEDED") && !status.equals("FAILED") && !status.equals("REVIEW")) {
                return false;
            }
        }
        return true;
    }

    static Set<String> webhookFinals(WebhookReceiver erp) {
        Set<String> ids = new TreeSet<>();
        erp.accepted().filter(r -> !r.refundStatus().equals("PENDING")).forEach(r -> ids.add(r.refundId()));
        return ids;
    }

    static Set<String> missing(Set<String> expected, Set<String> got) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(got);
        return missing.size() > 10 ? Set.of(missing.size() + " missing, e.g. " + missing.iterator().next()) : missing;
    }

    static String channelState(String base, String channel) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(r.body()).path("channels").path(channel).path("state").asText();
    }

    static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    /**
     * A durable subscriber of topic {@code refunds.events} on the hub's embedded broker (its subscription outlives
     * the kills): which refunds' final status changes it has received.
     */
    static final class EventSubscriber implements AutoCloseable {
        private final int port;
        private final Set<String> finals = ConcurrentHashMap.newKeySet();
        private jakarta.jms.Connection connection;
        private org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory factory;

        EventSubscriber(int port) {
            this.port = port;
        }

        synchronized void connect() throws Exception {
            disconnected();
            factory = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
            connection = factory.createConnection();
            connection.setClientID("soak");
            jakarta.jms.Session s = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            s.createDurableSubscriber(s.createTopic("refunds.events"), "soak-events").setMessageListener(m -> {
                try {
                    JsonNode record = Json.MAPPER.readTree(((jakarta.jms.TextMessage) m).getText());
                    String status = record.path("status").asText();
                    if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("REVIEW")) {
                        finals.add(record.path("refundId").asText());
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            connection.start();
        }

        synchronized void disconnected() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (Exception e) {
                    // the broker died with the hub
                }
                factory.close();
                connection = null;
            }
        }

        Set<String> finals() {
            return Set.copyOf(finals);
        }

        @Override
        public void close() {
            disconnected();
        }
    }
}
