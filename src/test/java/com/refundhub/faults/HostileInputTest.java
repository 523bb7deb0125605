package com.refundhub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.Providers;
import com.refundhub.provider.Descriptor;
import com.refundhub.core.Json;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A generated corpus of 1,000 malformed requests over HTTP, a file and JMS: every one is refused with an
 * error naming its field, none reaches a provider, no route is hurt.
 */
class HostileInputTest extends HubTestSupport {
    static final List<HostileCorpus.Entry> CORPUS = HostileCorpus.generate(20261123L, 1000);
    private long providerRefundsBefore;

    @BeforeAll
    void countBefore() {
        assertThat(CORPUS).hasSize(1000);
    }

    long providerRefunds() {
        long sum = 0;
        for (Descriptor d : Providers.descriptors()) {
            sum += book(d.name()).size() + book(d.name()).refundCalls();
        }
        return sum;
    }

    @AfterAll
    void nothingReachedAProviderAndEveryRouteStillRuns() {
        assertThat(providerRefunds()).as("refunds and calls at the simulators").isZero();
        for (Route r : context.getRoutes()) {
            assertThat(context.getRouteController().getRouteStatus(r.getRouteId())).as(r.getRouteId()).isEqualTo(ServiceStatus.Started);
        }
        assertThat(json(get("/health", null)).get("status").asText()).isEqualTo("UP");
        assertThat(ledger().page(com.refundhub.ledger.RefundList.Filter.NONE, 10, null).refunds()).as("no record of anything").isEmpty();
    }

    @Test
    void overHttpEveryOneIsA4xxNamingItsField() throws Exception {
        for (HostileCorpus.Entry e : CORPUS) {
            HttpResponse<String> r = send(request("/refunds")
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(e.bytes())).build());
            assertThat(r.statusCode()).as(e.name()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).as(e.name()).hasValue("application/problem+json");
            JsonNode p = Json.MAPPER.readTree(r.body());
            List<String> fields = new ArrayList<>();
            p.get("errors").forEach(f -> fields.add(f.get("field").asText()));
            assertThat(fields).as(e.name()).contains(e.field());
            assertThat(r.body().length()).as("errors stay small: " + e.name()).isLessThan(2000);
        }
    }

    @Test
    void overHttpATenMegabyteBodyIsRefusedWhole() throws Exception {
        byte[] huge = ("{\"refundId\":\"BIG-1\",\"orderId\":\"ORD\",\"channel\":\"trusty\",\"reason\":\""
                + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (LogCapture log = LogCapture.attach()) {
            HttpResponse<String> r = send(request("/refunds")
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build());
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(r).get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(ledger().find("BIG-1", false)).isEmpty();
            assertThat(log.lines()).as("nothing logged at ERROR for a body over the limit")
                    .noneMatch(l -> l.level().isMoreSpecificThan(org.apache.logging.log4j.Level.ERROR));
        }
    }

    @Test
    void inAFileEveryLineIsRejectedWithItsFieldAndTheResultsAreWhole() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        Map<Integer, String> expected = new HashMap<>();
        int line = 0;
        for (HostileCorpus.Entry e : CORPUS) {
            if (!e.validUtf8()) {
                continue;   // invalid UTF-8 makes a whole file unreadable: FileDropTest covers that
            }
            line++;
            jsonl.append(e.text()).append('\n');
            String field = e.field();
            if (field.equals("body") && !parses(e.text())) {
                field = "line";
            }
            expected.put(line, field);
        }
        Path inbox = dataDir.resolve("inbox");
        Files.writeString(dataDir.resolve("hostile.tmp"), jsonl.toString());
        Files.move(dataDir.resolve("hostile.tmp"), inbox.resolve("hostile.jsonl"));
        Path results = dataDir.resolve("outbox/hostile.results.csv");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(results));
        List<CSVRecord> rows;
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(results))) {
            rows = parser.getRecords();
        }
        assertThat(rows).hasSize(expected.size());
        for (CSVRecord r : rows) {
            int n = Integer.parseInt(r.get("line"));
            assertThat(r.get("status")).as("line " + n).isEqualTo("REJECTED");
            assertThat(r.get("message")).as("line " + n).contains(expected.get(n) + ":");
            for (String cell : r) {
                assertThat(cell).as("line " + n + " formula-safe").doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("-").doesNotStartWith("@");
            }
        }
    }

    @Test
    void overJmsEveryOneGoesToTheDlqWithItsField() throws Exception {
        try (Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("refunds.requests"));
            Map<String, String> expected = new HashMap<>();
            int n = 0;
            for (HostileCorpus.Entry e : CORPUS) {
                Message m;
                if (e.validUtf8()) {
                    m = s.createTextMessage(e.text());
                } else {
                    BytesMessage b = s.createBytesMessage();
                    b.writeBytes(e.bytes());
                    m = b;
                }
                String tag = "hostile-" + n++;
                m.setStringProperty("tag", tag);
                expected.put(tag, e.field());
                p.send(m);
            }
            MessageConsumer dlq = s.createConsumer(s.createQueue("refunds.requests.DLQ"));
            for (int i = 0; i < CORPUS.size(); i++) {
                Message m = dlq.receive(60_000);
                assertThat(m).as("dead letter " + i).isNotNull();
                String field = expected.get(m.getStringProperty("tag"));
                assertThat(m.getStringProperty("RefundHubError")).as(m.getStringProperty("tag")).contains(field + ":");
            }
        }
    }

    private static boolean parses(String text) {
        try {
            Json.MAPPER.readTree(text);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
