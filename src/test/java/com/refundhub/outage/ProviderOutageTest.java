package com.refundhub.outage;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.LogCapture;
import com.refundhub.ProviderSwitch;
import com.refundhub.core.HistoryEntry;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.sandbox.RefundBook;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A provider that is down (SPEC §8.5), through the whole hub: its channel's circuit breaker opens, its refunds wait as
 * RECEIVED (HTTP answers 202 at once, file rows are recorded, JMS requests consumed), nothing is sent or inquired on it
 * but one probe at a time, and once it is back every refund is sent in arrival order, once. Each channel's breaker
 * transitions are logged once; no line per refund.
 */
class ProviderOutageTest extends OutageTestSupport {
    static final int HTTP_REFUNDS = 100;
    static final int FILE_REFUNDS = 100;
    private ProviderSwitch outage;
    private ProviderSwitch gateway;
    private ProviderSwitch flaky;

    @Override
    protected void configure(Map<String, String> settings) {
        outage = switchedChannel(settings, "outage", ProviderSwitch.Mode.DOWN, Map.of());   // the default breaker
        gateway = switchedChannel(settings, "gateway", ProviderSwitch.Mode.UP, Map.of("breaker-open-for", "1s"));
        flaky = switchedChannel(settings, "flaky", ProviderSwitch.Mode.UP,
                Map.of("breaker-failures", "3", "breaker-open-for", "500ms", "max-concurrency", "4"));
    }

    @Test
    void downFor10sWhile200RefundsArriveAllSettleWithin15sOfItsReturnEachSentOnceWithoutInquiry()
            throws Exception {
        try (LogCapture log = LogCapture.attach()) {
            long downSince = System.nanoTime();
            // the first refund is not delivered, again and again, until the channel opens
            HttpResponse<String> first = refund("OUT-H-0", "ORD-OUT-H-0", "outage", null);
            assertThat(first.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).until(() -> healthState("outage").equals("OPEN"));
            assertThat(channelOpenMetric("outage")).isEqualTo("1.0");

            Files.writeString(dataDir.resolve("outage.part"), csv(FILE_REFUNDS));
            Files.move(dataDir.resolve("outage.part"), dataDir.resolve("inbox/outage.csv"));
            for (int i = 1; i < HTTP_REFUNDS; i++) {
                HttpResponse<String> r = refund("OUT-H-" + i, "ORD-OUT-H-" + i, "outage", null);
                assertThat(r.statusCode()).isEqualTo(202);
                JsonNode record = json(r);
                assertThat(record.get("status").asText()).as("answered at once, not sent").isEqualTo("RECEIVED");
                assertThat(record.get("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
            }
            List<CSVRecord> results = awaitResults("outage");
            assertThat(results).hasSize(FILE_REFUNDS).allSatisfy(row -> {
                assertThat(row.get("status")).as(row.toString()).isEqualTo("RECEIVED");
                assertThat(row.get("code")).isEqualTo("PROVIDER_UNAVAILABLE");
            });
            assertThat(healthState("outage")).isIn("OPEN", "HALF_OPEN");

            Thread.sleep(Math.max(0, Duration.ofSeconds(10).toMillis() - (System.nanoTime() - downSince) / 1_000_000));
            outage.set(ProviderSwitch.Mode.UP);
            List<String> ids = ids();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> ids.stream()
                    .allMatch(id -> ledger().find(id, false).orElseThrow().status() == RefundStatus.SUCCEEDED));

            for (String id : ids) {
                RefundRecord r = ledger().find(id, true).orElseThrow();
                assertThat(statuses(r)).as(id + " never an unknown outcome").doesNotContain(RefundStatus.PENDING);
                assertThat(r.inquiries()).as(id + " inquiries").isZero();
                RefundBook.Entry seen = book("trusty").find(id);
                assertThat(seen.refundCalls).as(id + " refund calls the provider received").isEqualTo(1);
                assertThat(seen.acceptances).isEqualTo(1);
                assertThat(seen.inquiries).as(id + " inquiries the provider received").isZero();
            }
            assertThat(healthState("outage")).isEqualTo("CLOSED");
            assertThat(channelOpenMetric("outage")).isEqualTo("0.0");
            sentInArrivalOrder(ids.stream().map(id -> ledger().find(id, true).orElseThrow()).toList());

            List<String> transitions = transitions(log, "outage");
            assertThat(transitions).as("opened, probed while down, closed once back").hasSizeGreaterThanOrEqualTo(3);
            assertThat(transitions.get(0)).startsWith("channel outage is OPEN:");
            assertThat(transitions.get(transitions.size() - 1)).startsWith("channel outage is CLOSED");
            loggedOnceEach(transitions);
            List<LogCapture.Line> perRefund = log.lines().stream().filter(l -> l.level().isMoreSpecificThan(Level.INFO))
                    .filter(l -> ids.stream().anyMatch(id -> l.message().contains(id + " ") || l.message().endsWith(id)))
                    .toList();
            assertThat(perRefund).as("no log line per refund").isEmpty();
        }
    }

    @Test
    void answering503OpensTheChannelAndTheUnknownOutcomesAreResolvedByInquiryOnceItCloses() throws Exception {
        try (LogCapture log = LogCapture.attach()) {
            gateway.set(ProviderSwitch.Mode.HTTP_503);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ids.add("GW-" + i);
                assertThat(refund("GW-" + i, "ORD-GW-" + i, "gateway", null).statusCode()).isEqualTo(202);
            }
            assertThat(healthState("gateway")).isIn("OPEN", "HALF_OPEN");
            sendJms(List.of("GW-J-0", "GW-J-1", "GW-J-2"), "gateway");
            ids.addAll(List.of("GW-J-0", "GW-J-1", "GW-J-2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream().allMatch(id -> ledger().find(id, false).isPresent()));
            for (String id : List.of("GW-J-0", "GW-J-1", "GW-J-2")) {
                RefundRecord r = ledger().find(id, false).orElseThrow();
                assertThat(r.status()).as(id + " consumed and recorded, waiting").isEqualTo(RefundStatus.RECEIVED);
                assertThat(r.code()).isEqualTo("PROVIDER_UNAVAILABLE");
            }
            Thread.sleep(5000);   // inquiries are due every second: none is made while the channel is open
            int probes = (int) transitions(log, "gateway").stream().filter(t -> stateOf(t).equals("HALF_OPEN")).count();
            assertThat(gateway.gatewayAnswers()).as("5 calls in a row, then only probes (%d)", probes)
                    .isLessThanOrEqualTo(5 + probes);
            List<String> unknown = ids.stream().filter(id -> ledger().find(id, false).orElseThrow().status()
                    == RefundStatus.PENDING).toList();
            assertThat(unknown).as("the 503s: the request may have been processed").hasSizeGreaterThanOrEqualTo(5)
                    .hasSizeLessThanOrEqualTo(5 + probes);

            gateway.set(ProviderSwitch.Mode.UP);
            await().atMost(Duration.ofSeconds(30)).until(() -> ids.stream()
                    .allMatch(id -> ledger().find(id, false).orElseThrow().status() == RefundStatus.SUCCEEDED));
            for (String id : ids) {
                RefundRecord r = ledger().find(id, true).orElseThrow();
                RefundBook.Entry seen = book("trusty").find(id);
                assertThat(seen.acceptances).as(id).isEqualTo(1);
                assertThat(seen.refundCalls).as(id + ": the gateway passed none of the 503s on").isEqualTo(1);
                if (unknown.contains(id)) {
                    assertThat(r.history()).as(id + " PENDING/OUTCOME_UNKNOWN")
                            .anySatisfy(h -> assertThat(h.code()).isEqualTo("OUTCOME_UNKNOWN"));
                    assertThat(r.inquiries()).as(id + " resolved by inquiry").isGreaterThanOrEqualTo(1);
                } else {
                    assertThat(statuses(r)).as(id).doesNotContain(RefundStatus.PENDING);
                    assertThat(r.inquiries()).as(id).isZero();
                }
            }
            loggedOnceEach(transitions(log, "gateway"));
        }
    }

    @Test
    void aFlappingProviderGetsNoRefundTwiceAndEveryRefundEndsFinal() throws Exception {
        try (LogCapture log = LogCapture.attach()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add("FLAP-" + i);
            }
            CompletableFuture<Void> arriving = CompletableFuture.runAsync(() -> {
                for (String id : ids) {
                    assertThat(refund(id, "ORD-" + id, "flaky", null).statusCode()).isEqualTo(202);
                    sleep(120);
                }
            });
            for (int cycle = 0; cycle < 3; cycle++) {
                sleep(1200);
                flaky.set(ProviderSwitch.Mode.DOWN);
                sleep(1200);
                flaky.set(ProviderSwitch.Mode.UP);
                sleep(1300);
            }
            arriving.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream()
                    .allMatch(id -> ledger().find(id, false).orElseThrow().status().isFinal()));
            for (String id : ids) {
                RefundRecord r = ledger().find(id, false).orElseThrow();
                assertThat(r.status()).as(id).isEqualTo(RefundStatus.SUCCEEDED);
                RefundBook.Entry seen = book("trusty").find(id);
                assertThat(seen.acceptances).as(id).isEqualTo(1);
                assertThat(seen.refundCalls).as(id + " sent once").isEqualTo(1);
            }
            List<String> transitions = transitions(log, "flaky");
            assertThat(transitions.stream().filter(t -> t.startsWith("channel flaky is OPEN:")).count())
                    .as("opened by more than one outage").isGreaterThanOrEqualTo(2);
            loggedOnceEach(transitions);
            assertThat(transitions.get(transitions.size() - 1)).startsWith("channel flaky is CLOSED");
        }
    }

    // ---- helpers ----

    /**
     * The oldest waiting refund was the probe that closed the channel, and the rest were sent oldest first: dispatched in
     * arrival order (created_at, then refund id) to as many sends at once as the channel allows, so that no refund is
     * sent more than that many places away from its turn.
     */
    private static void sentInArrivalOrder(List<RefundRecord> refunds) {
        List<RefundRecord> arrival = refunds.stream().sorted(Comparator.comparing(RefundRecord::createdAt)
                .thenComparing(RefundRecord::refundId)).toList();
        List<RefundRecord> sent = refunds.stream().sorted(Comparator.comparing(ProviderOutageTest::lastSent)).toList();
        assertThat(sent.get(0).refundId()).as("the probe").isEqualTo(arrival.get(0).refundId());
        int window = 16;   // the channel's max-concurrency (the default)
        for (int i = 0; i < sent.size(); i++) {
            int turn = arrival.indexOf(sent.get(i));
            assertThat(Math.abs(turn - i)).as(sent.get(i).refundId() + " sent " + i + "th, arrived " + turn + "th")
                    .isLessThanOrEqualTo(2 * window);
        }
    }

    /** When the refund last left RECEIVED: its send that reached the provider. */
    private static OffsetDateTime lastSent(RefundRecord r) {
        return r.history().stream().filter(h -> h.from() == RefundStatus.RECEIVED && h.to() == RefundStatus.SUBMITTED)
                .map(HistoryEntry::at).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Transitions alternate as the machine allows (CLOSED → OPEN → HALF_OPEN → OPEN | CLOSED): none logged twice. */
    private static void loggedOnceEach(List<String> transitions) {
        String before = "CLOSED";
        for (String t : transitions) {
            String state = stateOf(t);
            switch (state) {
                case "OPEN" -> assertThat(before).as(t).isIn("CLOSED", "HALF_OPEN");
                case "HALF_OPEN" -> assertThat(before).as(t).isEqualTo("OPEN");
                case "CLOSED" -> assertThat(before).as(t).isEqualTo("HALF_OPEN");
                default -> throw new AssertionError("unexpected transition " + t);
            }
            before = state;
        }
    }

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel,amount,currency\n");
        for (int i = 0; i < rows; i++) {
            csv.append("OUT-F-").append(i).append(",ORD-OUT-F-").append(i).append(",outage,,\n");
        }
        return csv.toString();
    }

    private static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < HTTP_REFUNDS; i++) {
            ids.add("OUT-H-" + i);
        }
        for (int i = 0; i < FILE_REFUNDS; i++) {
            ids.add("OUT-F-" + i);
        }
        return ids;
    }

    private List<CSVRecord> awaitResults(String name) throws Exception {
        Path f = dataDir.resolve("outbox").resolve(name + ".results.csv");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Files.exists(f));
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(f))) {
            return parser.getRecords();
        }
    }

    private void sendJms(List<String> ids, String channel) throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort);
             Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("refunds.requests"));
            for (String id : ids) {
                p.send(s.createTextMessage("{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id + "\",\"channel\":\""
                        + channel + "\"}"));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
