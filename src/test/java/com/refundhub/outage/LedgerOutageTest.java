package com.refundhub.outage;

import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.TcpProxy;
import com.refundhub.core.Availability;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.PostgresServer;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §13 in the hub itself: a PostgreSQL ledger behind a {@link TcpProxy} that cuts every connection (the database
 * stopped) or stalls them (a database that hangs), under HTTP, JMS and file intake. While it is gone: POST /refunds
 * answers 503 LEDGER_UNAVAILABLE with Retry-After at once, /health and /health/ready name the database, JMS requests
 * and files wait (a JMS request is not redelivered, so not dead-lettered even with max-deliveries 2), and the hub logs
 * one line; once it is back the hub carries on by itself within seconds, and a refund whose answer could not be
 * recorded is inquired, not sent again. The process-level runs (PostgreSQL really stopped, restarted, slowed) are
 * {@code OutageIT}'s.
 */
class LedgerOutageTest extends HubTestSupport {
    private static final Pattern PORT = Pattern.compile("//([^:/]+):(\\d+)/");
    private TcpProxy database;
    private TcpProxy slowProvider;
    private LogCapture log;

    @Override
    protected void configure(Map<String, String> p) {
        PostgresServer.ledgerSettings(p);
        Matcher m = PORT.matcher(p.get("refundhub.db.url"));
        assertThat(m.find()).as(p.get("refundhub.db.url")).isTrue();
        try {
            database = TcpProxy.start(Integer.parseInt(m.group(2)));
            slowProvider = TcpProxy.start(sandboxPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        p.put("refundhub.db.url", m.replaceFirst("//127.0.0.1:" + database.port() + "/"));
        p.put("refundhub.db.connection-timeout", "1s");
        p.put("refundhub.db.socket-timeout", "2s");
        p.put("refundhub.jms.max-deliveries", "2");
        p.put("refundhub.received-lease", "10m");   // nothing here may wait for a lease to run out
        p.put("refundhub.inquiry.claim-lease", "10m");
        // a channel whose provider answers 1.5 s late: a call in flight when the ledger goes
        sandboxChannelLike(p, "slowpay", "trusty", Map.of("read-timeout", "5s", "inquiry-backoff", "1s"));
        p.put("refundhub.channels.slowpay.base-url", "http://127.0.0.1:" + slowProvider.port() + "/trusty");
    }

    @BeforeAll
    void watchTheLog() {
        slowProvider.delay(1500);
        log = LogCapture.attach();
    }

    @AfterEach
    void ledgerBack() {
        database.set(TcpProxy.Mode.PASS);
        await().atMost(Duration.ofSeconds(10)).until(() -> availability().isUp());
    }

    @AfterAll
    void stopWatching() {
        log.close();   // the proxies stay up (daemon threads) until the hub has stopped: its last checks read the ledger
    }

    @Test
    void aStoppedLedgerIsAnswered503AtOnceAndTheHubCarriesOnByItselfWhenItIsBack() {
        assertThat(refund("LO-1", "ORD-LO-1", "trusty", null).statusCode()).isEqualTo(202);
        int linesBefore = log.lines().size();

        database.set(TcpProxy.Mode.CUT);
        long t0 = System.nanoTime();
        HttpResponse<String> first = refund("LO-2", "ORD-LO-2", "trusty", null);
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        assertUnavailable(first);
        assertThat(firstMillis).as("the first 503, within the connection timeout").isLessThan(3000);
        for (int i = 3; i < 8; i++) {
            long t = System.nanoTime();
            assertUnavailable(refund("LO-" + i, "ORD-LO-" + i, "trusty", null));
            assertThat((System.nanoTime() - t) / 1_000_000).as("once it is known gone, at once").isLessThan(500);
        }
        HttpResponse<String> health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json(health).at("/checks/database/status").asText()).isEqualTo("DOWN");
        assertThat(json(health).at("/checks/database/detail").asText()).startsWith("unavailable for ");
        HttpResponse<String> ready = get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(json(ready).get("detail").asText()).contains("database: unavailable");
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        System.out.printf("LedgerOutageTest: first 503 after %d ms%n", firstMillis);

        database.set(TcpProxy.Mode.PASS);
        long back = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> refund("LO-8", "ORD-LO-8", "trusty", null).statusCode() == 202);
        System.out.printf("LedgerOutageTest: a refund accepted %d ms after the database's return%n",
                (System.nanoTime() - back) / 1_000_000);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
        for (int i = 2; i < 8; i++) {   // what was refused is sent again by its client: accepted once, sent once
            assertThat(refund("LO-" + i, "ORD-LO-" + i, "trusty", null).statusCode()).isEqualTo(202);
            assertThat(book("trusty").find("LO-" + i).refundCalls).isEqualTo(1);
        }

        List<LogCapture.Line> during = log.lines().subList(linesBefore, log.lines().size());
        assertThat(during.stream().filter(l -> l.level().isMoreSpecificThan(Level.WARN)).map(l -> l.logger() + " "
                + l.message()).toList()).as("one line when it went, none per refund")
                .singleElement().asString().startsWith(Availability.class.getName() + " ledger unavailable: ");
        assertThat(during.stream().filter(l -> l.message().startsWith("ledger available again after")).count())
                .as("one line when it came back").isEqualTo(1);
    }

    @Test
    void jmsRequestsWaitOnTheirQueueWithoutBeingRedeliveredAndGoThroughWhenTheLedgerIsBack() throws Exception {
        database.set(TcpProxy.Mode.CUT);
        await().atMost(Duration.ofSeconds(5)).until(() -> refund("LJ-0", "ORD-LJ-0", "trusty", null).statusCode() == 503);
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort);
             Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = s.createProducer(s.createQueue("refunds.requests"));
            for (int i = 1; i <= 6; i++) {
                producer.send(s.createTextMessage("{\"refundId\":\"LJ-" + i + "\",\"orderId\":\"ORD-LJ-" + i
                        + "\",\"channel\":\"trusty\"}"));
            }
        }
        Thread.sleep(5000);   // max-deliveries 2, redelivered after 1 s: rolled back, these would be dead-lettered by now
        back();
        for (int i = 1; i <= 6; i++) {
            awaitStatus("LJ-" + i, RefundStatus.SUCCEEDED, Duration.ofSeconds(15));
            assertThat(book("trusty").find("LJ-" + i).refundCalls).isEqualTo(1);
        }
        assertThat(context.getRegistry().lookupByNameAndType("embeddedBroker", com.refundhub.jms.EmbeddedBroker.class)
                .depth("refunds.requests.DLQ")).as("dead-lettered").isLessThanOrEqualTo(0);
    }

    @Test
    void aFileBeingReadPausesAtItsRowAndOneDroppedMeanwhileWaitsThenEachRowIsRecordedOnce() throws Exception {
        drop("lo-reading", "LF", "slowpay", 60);   // 1.5 s a call, 16 at once: the ledger goes mid-file, calls in flight
        Path inbox = dataDir.resolve("inbox");
        await().atMost(Duration.ofSeconds(20)).until(() -> recorded("LF-") > 10);
        database.set(TcpProxy.Mode.CUT);
        drop("lo-waiting", "LW", "trusty", 20);
        Thread.sleep(3000);
        assertThat(Files.exists(inbox.resolve("lo-waiting.csv"))).as("a dropped file waits").isTrue();
        back();
        for (String name : new String[] {"lo-reading", "lo-waiting"}) {
            Path results = dataDir.resolve("outbox/" + name + ".final.csv");
            await().atMost(Duration.ofSeconds(40)).until(() -> Files.exists(results));
            List<String> lines = Files.readAllLines(results);
            assertThat(lines).hasSize(name.equals("lo-reading") ? 61 : 21);
            assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",SUCCEEDED,"));
        }
        for (int i = 0; i < 60; i++) {
            assertThat(book("trusty").find("LF-" + i).refundCalls).as("LF-" + i).isEqualTo(1);
        }
    }

    @Test
    void aRefundWhoseAnswerCouldNotBeRecordedIsInquiredAfterTheReturnNeverSentAgain() throws Exception {
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() ->
                refund("LI-1", "ORD-LI-1", "slowpay", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> book("trusty").find("LI-1") != null
                || slowProvider.accepted() > 0);
        Thread.sleep(300);   // the request is at the provider, its answer 1.5 s away
        database.set(TcpProxy.Mode.CUT);
        assertUnavailable(call.get());
        back();
        RefundRecord r = awaitStatus("LI-1", RefundStatus.SUCCEEDED, Duration.ofSeconds(20));
        assertThat(r.history()).anyMatch(h -> h.to() == RefundStatus.PENDING && ReasonCode.OUTCOME_UNKNOWN.name().equals(h.code())
                && h.message().contains("could not be recorded"));
        assertThat(book("trusty").find("LI-1").refundCalls).as("sent once").isEqualTo(1);
        assertThat(book("trusty").find("LI-1").inquiries).as("settled by inquiry").isPositive();
    }

    @Test
    void aLedgerThatStopsAnsweringIsGivenUpWithinTheSocketTimeoutAndTheHubCarriesOn() {
        assertThat(refund("LS-1", "ORD-LS-1", "trusty", null).statusCode()).isEqualTo(202);
        database.set(TcpProxy.Mode.STALL);
        long t0 = System.nanoTime();
        HttpResponse<String> stalled = refund("LS-2", "ORD-LS-2", "trusty", null);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertUnavailable(stalled);
        // a request may meet the stall at each of its steps before it is known: the connection timeout (1 s) and a
        // round trip (2 s) at most, each
        assertThat(millis).as("503 within the ledger's timeouts").isLessThan(8000);
        System.out.printf("LedgerOutageTest: a stalled ledger answered 503 after %d ms%n", millis);
        database.set(TcpProxy.Mode.PASS);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> refund("LS-2", "ORD-LS-2", "trusty", null).statusCode() / 100 == 2);
        awaitStatus("LS-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(10));
        assertThat(book("trusty").find("LS-2").refundCalls).isEqualTo(1);
    }

    /** The database answers again; returns once the hub has seen it (what is measured is printed). */
    private void back() {
        database.set(TcpProxy.Mode.PASS);
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> availability().isUp());
        System.out.printf("LedgerOutageTest: the ledger back %d ms after the database%n", (System.nanoTime() - t0) / 1_000_000);
    }

    private void assertUnavailable(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(r).get("code").asText()).isEqualTo("LEDGER_UNAVAILABLE");
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
    }

    private Availability availability() {
        return context.getRegistry().lookupByNameAndType("ledger", com.refundhub.ledger.LedgerDatabase.class)
                .availability();
    }

    private long recorded(String prefix) {
        return json(get("/refunds?limit=500", KEY)).get("refunds").findValuesAsText("refundId").stream()
                .filter(id -> id.startsWith(prefix)).count();
    }

    private void drop(String name, String prefix, String channel, int rows) throws IOException {
        StringBuilder csv = new StringBuilder("refundId,orderId,channel\n");
        for (int i = 0; i < rows; i++) {
            csv.append(prefix).append('-').append(i).append(",ORD-").append(prefix).append('-').append(i).append(',')
                    .append(channel).append('\n');
        }
        Path tmp = dataDir.resolve(name + ".part");
        Files.writeString(tmp, csv, StandardCharsets.UTF_8);
        Files.move(tmp, dataDir.resolve("inbox").resolve(name + ".csv"));
    }
}
