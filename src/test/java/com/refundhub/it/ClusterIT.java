package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.SampleChannel;
import com.refundhub.SecretScan;
import com.refundhub.core.Json;
import com.refundhub.jms.EmbeddedBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 8: two hub instances (the real jar, separate JVMs) on one PostgreSQL with clustered Quartz, an external
 * Artemis broker and one shared inbox, the simulators in a process of their own. 5,000 refunds come in by HTTP
 * (spread over both instances, as by a load balancer), by two batch files and by JMS; one instance is killed
 * (SIGKILL) half-way, the one reading a batch file if one is. At the end every refund is final, the simulators saw
 * no refund number accepted twice, called twice, nor submitted or inquired by two calls at the same time, both
 * instances did work, both files have complete result files, and every refund's status events reached a
 * subscriber of refunds.events in order.
 * Run alone: {@code mvn -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ClusterIT};
 * the instances' logs are kept in {@code target/cluster-it/}.
 */
@Tag("slow")
class ClusterIT {
    static final int HTTP = 2000;
    static final int FILE_ROWS = 1000;   // two files
    static final int JMS = 1000;
    static final int TOTAL = HTTP + 2 * FILE_ROWS + JMS;
    static final String KEY = "cluster-it-key";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A refund of the workload: every tenth is PEND- (settled by the second inquiry), every 25th is refused. */
    static String orderId(String refundId, int i) {
        return (i % 10 == 3 ? "PEND-" : i % 25 == 7 ? "FAIL-" : "ORD-") + refundId;
    }

    /** The jar's channels, in turn: refund i goes to channel i mod their number. */
    static final List<SampleChannel> CHANNELS = JarProviders.channels();

    static String json(String refundId, int i) {
        return CHANNELS.get(i % CHANNELS.size()).json(refundId, orderId(refundId, i));
    }

    static String csv(String prefix, int rows) {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency\n");
        for (int i = 0; i < rows; i++) {
            String id = prefix + i;
            SampleChannel c = CHANNELS.get(i % CHANNELS.size());
            csv.append(id).append(',').append(orderId(id, i)).append(',').append(c.name()).append(',').append(c.csvAmount())
                    .append('\n');
        }
        return csv.toString();
    }

    /** config/cluster.properties as shipped, with this test's ports, folders and shorter leases and timeouts. */
    static String hubConfig(int httpPort, int sandboxPort, String dbUrl, int brokerPort, Path shared) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("refundhub.http.host", "127.0.0.1");
        p.put("refundhub.http.port", String.valueOf(httpPort));
        p.put("refundhub.http.api-keys", KEY);
        p.put("refundhub.sandbox.port", String.valueOf(sandboxPort));
        p.put("refundhub.db.url", dbUrl);
        p.put("refundhub.db.user", "postgres");
        p.put("refundhub.db.password", "postgres");
        p.put("refundhub.jms.broker-url", "tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0");
        p.put("refundhub.jms.user", "");
        p.put("refundhub.jms.password", "");
        p.put("refundhub.inbox", shared.resolve("inbox").toString());
        p.put("refundhub.outbox", shared.resolve("outbox").toString());
        p.put("refundhub.inquiry.cron", "* * * * * ?");
        p.put("refundhub.inquiry.claim-lease", "15s");
        p.put("refundhub.received-lease", "10s");
        p.put("refundhub.recovery.interval", "1s");
        p.put("refundhub.batch.claim-lease", "8s");
        p.put("refundhub.batch.progress-interval", "2s");
        p.put("refundhub.batch.final-check-interval", "1s");
        p.put("refundhub.batch.read-lock-interval", "500");
        p.put("refundhub.batch.threads", "8");
        p.put("refundhub.events.claim-lease", "10s");
        for (SampleChannel channel : CHANNELS) {
            String c = "refundhub.channels." + channel.name();
            p.put(c + ".connect-timeout", "2s");
            p.put(c + ".read-timeout", "3s");   // a send's lease: 2 x (2s + 3s)
            p.put(c + ".inquiry-backoff", "1s");
            p.put(c + ".max-concurrency", "8");
        }
        StringBuilder out = new StringBuilder(Files.readString(Path.of("config/cluster.properties")));
        out.append("\n# ---- ClusterIT ----\n");
        p.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return out.toString();
    }

    /** One hub instance and what its /metrics said the last time it answered. */
    static final class Instance {
        final String name;
        final int port;
        final HubProcess process;
        volatile Map<String, Double> metrics = Map.of();

        Instance(String name, int port, HubProcess process) {
            this.name = name;
            this.port = port;
            this.process = process;
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        double metric(String name) {
            return metrics.getOrDefault(name, 0.0);
        }

        @Override
        public String toString() {
            return name + " (pid " + process.process().pid() + ") " + metrics;
        }
    }

    /** refundhub_refunds_total by status, and the provider calls made, from the Prometheus text. */
    static Map<String, Double> parseMetrics(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("refundhub_refunds_total{")) {
                String status = line.replaceAll(".*status=\"([A-Z]+)\".*", "$1");
                m.merge("refunds." + status, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            } else if (line.startsWith("refundhub_events_backlog")) {
                m.put("eventsBacklog", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            } else if (line.startsWith("refundhub_provider_call_seconds_count{")) {
                String operation = line.replaceAll(".*operation=\"([a-z]+)\".*", "$1");
                m.merge("calls." + operation, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return m;
    }

    void scrape(Instance i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(i.url("/metrics")))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                i.metrics = parseMetrics(r.body());
            }
        } catch (IOException e) {
            // down (killed): keep what it said last
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long count(DataSource ds, String sql) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String[]> rows(DataSource ds, String sql) throws Exception {
        List<String[]> out = new ArrayList<>();
        try (java.sql.Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                out.add(row);
            }
        }
        return out;
    }

    static String text(DataSource ds, String sql) throws Exception {
        try (java.sql.Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static Map<String, Long> byStatus(DataSource ds) throws Exception {
        Map<String, Long> m = new LinkedHashMap<>();
        try (java.sql.Connection c = ds.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT status, COUNT(*) FROM refunds GROUP BY status ORDER BY status")) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
        }
        return m;
    }

    /** POSTs one refund like a load balancer would: to the preferred instance, else to the other one, until accepted. */
    void post(List<Instance> instances, int preferred, String body, AtomicLong failovers) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            Instance target = instances.get((preferred + attempt) % instances.size());
            if (!target.process.process().isAlive()) {
                continue;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target.url("/refunds")))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 || r.statusCode() == 202) {
                    return;
                }
                throw new AssertionError("HTTP " + r.statusCode() + " for " + body + ": " + r.body());
            } catch (IOException e) {
                failovers.incrementAndGet();   // the instance died under this request: the same request elsewhere
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no instance accepted " + body);
    }

    @Test
    void twoInstancesShareTheWorkAndOneDyingLeavesNothingUndoneOrDoneTwice() throws Exception {
        long t0 = System.nanoTime();
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.createDirectories(shared.resolve("inbox"));
        int brokerPort = HubTestSupport.freePort();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Instance> instances = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             EmbeddedBroker broker = new EmbeddedBroker(dir.resolve("broker"), "tcp://127.0.0.1:" + brokerPort, 10).start();
             SandboxProcess sandbox = SandboxProcess.start(Files.createDirectories(dir.resolve("sandbox")),
                     HubTestSupport.freePort(), "10ms")) {
            DataSource db = pg.getPostgresDatabase();
            System.out.printf("ClusterIT: PostgreSQL, broker and sandbox up after %d s%n", seconds(t0));
            String dbUrl = pg.getJdbcUrl("postgres", "postgres");

            // both instances start at the same moment on an empty database: Flyway, Quartz's tables and its
            // job must cope with a second instance doing the same thing at the same time
            for (String name : new String[] {"a", "b"}) {
                Path home = Files.createDirectories(dir.resolve("hub-" + name));
                int port = HubTestSupport.freePort();
                Path config = home.resolve("hub.properties");
                Files.writeString(config, hubConfig(port, sandbox.port(), dbUrl, brokerPort, shared));
                instances.add(new Instance(name, port, HubProcess.start(home, Map.of(), "--config", config.toString())));
            }
            for (Instance i : instances) {
                assertThat(i.process.awaitHttp(i.url("/health"), Duration.ofSeconds(90))).as(i.process.log()).isTrue();
            }
            System.out.printf("ClusterIT: both instances up after %d s%n", seconds(t0));

            // every status change of every refund, as a subscriber of refunds.events sees them
            Map<String, List<String>> events = new ConcurrentHashMap<>();
            ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
            Connection jms = cf.createConnection();
            Session listen = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            listen.createConsumer(listen.createTopic(EmbeddedBroker.EVENTS)).setMessageListener(m -> {
                try {
                    JsonNode e = Json.MAPPER.readTree(((TextMessage) m).getText());
                    events.computeIfAbsent(e.get("refundId").asText(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(e.path("previousStatus").asText("-") + ">" + e.get("status").asText() + "@" + seconds(t0));
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            });
            jms.start();

            ScheduledScraper scraper = new ScheduledScraper(instances);

            // JMS: 1000 requests on the queue, taken by the consumers of both instances
            try (Session s = jms.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                MessageProducer producer = s.createProducer(s.createQueue(EmbeddedBroker.REQUESTS));
                for (int i = 0; i < JMS; i++) {
                    producer.send(s.createTextMessage(json("J-" + i, i)));
                }
            }
            // files: two batches dropped in the shared inbox
            for (String name : new String[] {"f1", "f2"}) {
                Files.writeString(shared.resolve(name + ".part"), csv(name.toUpperCase() + "-", FILE_ROWS));
                Files.move(shared.resolve(name + ".part"), shared.resolve("inbox").resolve(name + ".csv"));
            }
            // HTTP: 12 clients alternating between the instances
            AtomicInteger next = new AtomicInteger();
            AtomicLong failovers = new AtomicLong();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < 12; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < HTTP; i = next.getAndIncrement()) {
                        post(instances, i % 2, json("H-" + i, i), failovers);
                    }
                    return null;
                }));
            }

            // half-way: SIGKILL one instance, in the middle of its HTTP requests, file rows, JMS messages and inquiries
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> count(db, "SELECT COUNT(*) FROM refunds") >= TOTAL / 2);
            // the victim: the instance reading a batch file right now, if one is (its claim names its pid)
            Instance victim = instances.get(0);
            boolean readingFile = false;
            String reader = text(db, "SELECT MAX(owner) FROM batches WHERE status = 'CLAIMED' AND owner IS NOT NULL");
            for (Instance i : instances) {
                if (reader != null && reader.contains("-" + i.process.process().pid() + "-")) {
                    victim = i;
                    readingFile = true;
                }
            }
            scraper.scrapeNow();
            long recordedAtKill = count(db, "SELECT COUNT(*) FROM refunds");
            Map<String, Long> statusAtKill = byStatus(db);
            victim.process.kill();
            System.out.printf("ClusterIT: killed instance %s (reading a file: %s) after %d s, %d refunds recorded %s; "
                    + "its last metrics %s%n", victim.name, readingFile, seconds(t0), recordedAtKill, statusAtKill,
                    victim.metrics);

            for (Future<?> f : clients) {
                f.get(180, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(count(db, "SELECT COUNT(*) FROM refunds")).as("recorded").isEqualTo(TOTAL);
                assertThat(byStatus(db)).as("all final").containsOnlyKeys("SUCCEEDED", "FAILED");
                assertThat(Files.exists(shared.resolve("outbox/f1.final.csv"))).isTrue();
                assertThat(Files.exists(shared.resolve("outbox/f2.final.csv"))).isTrue();
            });
            System.out.printf("ClusterIT: every refund final after %d s: %s%n", seconds(t0), byStatus(db));
            scraper.scrapeNow();
            scraper.close();

            // no refund lost or done twice; nothing submitted or inquired twice at the same time
            JsonNode summary = sandbox.summary();
            System.out.println("ClusterIT: sandbox " + summary);
            long accepted = 0;
            for (JsonNode sim : summary) {
                assertThat(sim.get("doubleAcceptances").asLong()).as(summary.toString()).isZero();
                assertThat(sim.get("refundNumbersCalledMoreThanOnce").asLong()).as(summary.toString()).isZero();
                assertThat(sim.get("concurrentRefundCalls").asLong()).as(summary.toString()).isZero();
                assertThat(sim.get("concurrentInquiries").asLong()).as(summary.toString()).isZero();
                accepted += sim.get("refunds").asLong();
            }
            assertThat(accepted).as("every refund reached its provider once").isEqualTo(TOTAL);
            long failed = count(db, "SELECT COUNT(*) FROM refunds WHERE status = 'FAILED'");
            assertThat(count(db, "SELECT COUNT(*) FROM refunds WHERE order_id LIKE 'FAIL-%'")).isEqualTo(failed);
            // PEND- refunds settle at the provider on their second inquiry, so each was settled by inquiry, never
            // by a resend. The hub records an inquiry with its answer: one answered just before the kill is known to
            // the simulator, not to the ledger. So the ledger has at least the settling one, the simulator both.
            assertThat(count(db, "SELECT COUNT(*) FROM refunds WHERE order_id LIKE 'PEND-%'")).isPositive();
            assertThat(count(db, "SELECT COUNT(*) FROM refunds WHERE order_id LIKE 'PEND-%' AND inquiries < 1")).isZero();
            for (String[] pend : rows(db, "SELECT channel, refund_id FROM refunds WHERE order_id LIKE 'PEND-%'")) {
                String type = CHANNELS.stream().filter(c -> c.name().equals(pend[0])).findFirst().orElseThrow().type();
                assertThat(sandbox.refund(type, pend[1]).path("inquiries").asInt()).as(pend[1]).isGreaterThanOrEqualTo(2);
            }

            // the files: each read by one instance (or taken over from the dead one), complete results, moved to .done
            for (String name : new String[] {"f1", "f2"}) {
                assertThat(Files.readAllLines(shared.resolve("outbox/" + name + ".results.csv"))).hasSize(FILE_ROWS + 1);
                List<String> finals = Files.readAllLines(shared.resolve("outbox/" + name + ".final.csv"));
                assertThat(finals).hasSize(FILE_ROWS + 1);
                assertThat(finals.subList(1, finals.size())).allMatch(l -> l.contains(",SUCCEEDED,") || l.contains(",FAILED,"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(shared.resolve("inbox/.done/f1.csv"))
                    && Files.exists(shared.resolve("inbox/.done/f2.csv")));
            assertThat(broker.depth(EmbeddedBroker.REQUESTS)).as("JMS requests left").isZero();
            assertThat(broker.depth(EmbeddedBroker.DLQ)).as("JMS requests dead-lettered").isLessThanOrEqualTo(0);

            // both instances did work: refunds recorded and provider calls made (the victim: until it was killed)
            for (Instance i : instances) {
                System.out.printf("ClusterIT: instance %s recorded %.0f refunds, settled %.0f, made %.0f refund calls and "
                                + "%.0f inquiries%n", i.name, i.metric("refunds.RECEIVED"),
                        i.metric("refunds.SUCCEEDED") + i.metric("refunds.FAILED"), i.metric("calls.refund"), i.metric("calls.inquiry"));
                assertThat(i.metric("refunds.RECEIVED")).as(i.toString()).isPositive();
                assertThat(i.metric("calls.refund")).as(i.toString()).isPositive();
            }
            assertThat(recordedAtKill).isLessThan(TOTAL);
            // and neither wrote a secret (its API key, the channels' keys) or a full signature in its log
            SecretScan scan = SecretScan.ofFile(Path.of("config/application.properties"));
            scan.secrets().add(KEY);
            for (Instance i : instances) {
                assertThat(scan.findings("instance " + i.name, i.process.log())).isEmpty();
            }
            System.out.printf("ClusterIT: %d HTTP requests failed over to the other instance%n", failovers.get());

            // events: every refund's changes reached refunds.events subscribers, each refund's in order
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(db, "SELECT COUNT(*) FROM event_outbox") == 0);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> events.size() == TOTAL
                    && events.values().stream().allMatch(l -> java.util.Arrays.stream(l.toArray(new String[0]))
                            .anyMatch(e -> e.contains(">SUCCEEDED@") || e.contains(">FAILED@"))));
            List<String> outOfOrder = new ArrayList<>();
            events.forEach((id, list) -> {
                List<String> seen = List.of(list.toArray(new String[0]));
                // each change must follow from the status before it. At least once: a crash may publish changes
                // again, and such a repeat is skipped. A refund may also make the same change twice for real
                // (SUBMITTED>PENDING, resent once after "no such refund", SUBMITTED>PENDING again): that one follows.
                String last = "-";
                List<String> followed = new ArrayList<>();
                for (String at : seen) {
                    String e = at.substring(0, at.indexOf('@'));
                    if (e.startsWith(last + ">")) {
                        followed.add(e);
                        last = e.substring(e.indexOf('>') + 1);
                    } else if (!followed.contains(e)) {
                        outOfOrder.add(id + " " + seen);
                        break;
                    }
                }
                if (!last.equals("SUCCEEDED") && !last.equals("FAILED")) {
                    outOfOrder.add(id + " ends " + seen);
                }
            });
            assertThat(outOfOrder).as("refunds whose events arrived out of order or incomplete").isEmpty();
            jms.close();
            cf.close();
            System.out.printf("ClusterIT: done in %d s%n", seconds(t0));
        } finally {
            pool.shutdownNow();
            for (Instance i : instances) {
                i.process.close();
            }
            keepLogs();
        }
    }

    /** Reads both instances' /metrics every second, so the killed one's last word is known. */
    final class ScheduledScraper implements AutoCloseable {
        private final List<Instance> instances;
        private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        ScheduledScraper(List<Instance> instances) {
            this.instances = instances;
            timer.scheduleWithFixedDelay(this::scrapeNow, 0, 1, TimeUnit.SECONDS);
        }

        synchronized void scrapeNow() {
            instances.stream().filter(i -> i.process.process().isAlive()).forEach(ClusterIT.this::scrape);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    /** The instances' and the sandbox's logs, kept in target/cluster-it/ for a look after the run. */
    void keepLogs() throws IOException {
        Path keep = Files.createDirectories(Path.of("target/cluster-it"));
        try (var files = Files.walk(dir)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, keep.resolve(dir.relativize(log).toString().replace('/', '-')),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
