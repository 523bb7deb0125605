package com.refundhub.outage;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.core.Availability;
import com.refundhub.core.Json;
import com.refundhub.core.RefundStatus;
import com.refundhub.jms.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SPEC §13, the external broker gone (cluster mode): a broker the test starts, stops and starts again on its journal.
 * While it is gone HTTP intake goes on, the status-change events wait in the outbox, /health and /health/ready name
 * the broker (live stays UP), and the hub logs one line; once it is back the hub is ready again within 10 s, its JMS
 * consumers have reconnected by themselves (a request sent then is taken), and the events that waited are published
 * in the order they were recorded, each once. The process-level run under load is {@code OutageIT}'s.
 */
class BrokerOutageTest extends HubTestSupport {
    private static final String SUBSCRIBER = "broker-outage-test";
    private Path journal;
    private String url;
    private EmbeddedBroker broker;

    @Override
    protected void configure(Map<String, String> p) {
        try {
            journal = Files.createTempDirectory("outage-broker");
            url = "tcp://127.0.0.1:" + freePort();
            broker = new EmbeddedBroker(journal, url, 5).start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        p.put("refundhub.jms.broker-url", url);
    }

    @AfterAll
    void stopBroker() throws Exception {
        context.stop();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void whileTheBrokerIsGoneHttpGoesOnEventsWaitInTheOutboxAndGoOutInOrderOnceItIsBack() throws Exception {
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url); Connection c = subscriber(cf)) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);   // kept by the broker's journal meanwhile
            s.createDurableSubscriber(s.createTopic(EmbeddedBroker.EVENTS), SUBSCRIBER).close();
        }
        try (LogCapture log = LogCapture.attach()) {
            broker.stop();   // not close(): the hub's client in this JVM keeps its thread pools
            broker = null;
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                HttpResponse<String> ready = get("/health/ready", null);
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(json(ready).get("detail").asText()).contains("broker: ");
                assertThat(json(get("/health", null)).at("/checks/broker/status").asText()).isEqualTo("DOWN");
            });
            assertThat(get("/health/live", null).statusCode()).isEqualTo(200);

            // HTTP goes on: each refund accepted and settled; its events wait
            List<String> ids = List.of("BO-1", "BO-2", "BO-3");
            for (String id : ids) {
                assertThat(refund(id, "ORD-" + id, "trusty", null).statusCode()).isEqualTo(202);
                awaitStatus(id, RefundStatus.SUCCEEDED, Duration.ofSeconds(15));
            }
            assertThat(metric("refundhub_events_backlog")).as("events waiting in the outbox").isGreaterThanOrEqualTo(
                    ids.size() * 2);
            assertThat(metric("refundhub_unavailable{dependency=\"broker\"}")).isEqualTo(1);

            broker = new EmbeddedBroker(journal, url, 5).start();
            long back = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                HttpResponse<String> ready = get("/health/ready", null);
                assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            });
            System.out.printf("BrokerOutageTest: ready %d ms after the broker's return%n",
                    (System.nanoTime() - back) / 1_000_000);

            // the JMS consumers reconnected by themselves
            try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url); Connection c = cf.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createProducer(s.createQueue(EmbeddedBroker.REQUESTS)).send(s.createTextMessage(
                        "{\"refundId\":\"BO-J\",\"orderId\":\"ORD-BO-J\",\"channel\":\"trusty\"}"));
            }
            awaitStatus("BO-J", RefundStatus.SUCCEEDED, Duration.ofSeconds(15));

            // the events that waited, in the order they were recorded, each once
            List<String> expected = new ArrayList<>();
            for (String id : ids) {
                for (JsonNode h : json(get("/refunds/" + id, KEY)).get("history")) {
                    expected.add(id + " " + h.get("from").asText("-") + ">" + h.get("status").asText());
                }
            }
            List<String> received = new ArrayList<>();
            try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url); Connection c = subscriber(cf)) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer events = s.createDurableSubscriber(s.createTopic(EmbeddedBroker.EVENTS), SUBSCRIBER);
                c.start();
                for (Message m = events.receive(10_000); m != null; m = events.receive(2_000)) {
                    JsonNode e = Json.MAPPER.readTree(((TextMessage) m).getText());
                    if (!e.get("refundId").asText().equals("BO-J")) {
                        received.add(e.get("refundId").asText() + " " + e.get("previousStatus").asText("-") + ">"
                                + e.get("status").asText());
                    }
                }
            }
            assertThat(received).as("events after the broker's return").isEqualTo(expected);
            assertThat(metric("refundhub_unavailable{dependency=\"broker\"}")).isZero();

            List<LogCapture.Line> warnings = log.lines().stream().filter(l -> l.level().isMoreSpecificThan(Level.WARN))
                    .filter(l -> !l.logger().startsWith("org.apache.activemq.artemis.core.server"))   // the test's broker
                    .toList();
            assertThat(warnings).as("one line when it went, none per refund or retry").singleElement()
                    .matches(l -> l.logger().equals(Availability.class.getName())
                            && l.message().startsWith("broker unavailable: "), "the broker's one line");
            assertThat(log.lines().stream().filter(l -> l.message().startsWith("broker available again after")).count())
                    .as("one line when it came back").isEqualTo(1);
        }
    }

    private static Connection subscriber(ActiveMQConnectionFactory cf) throws JMSException {
        Connection c = cf.createConnection();
        c.setClientID(SUBSCRIBER);
        return c;
    }

    private double metric(String series) {
        return get("/metrics", null).body().lines().filter(l -> l.startsWith(series + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
