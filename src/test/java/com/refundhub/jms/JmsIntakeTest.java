package com.refundhub.jms;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.Json;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JMS over the real embedded Artemis broker: a Java CORE client and an AMQP client (Qpid JMS) send refunds and
 * watch events; refusals land in the DLQ with their reason; an identical redelivery is not refunded twice.
 */
class JmsIntakeTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> p) {
        p.put("refundhub.channels.newpay.inquiry-backoff", "1s");
    }

    ConnectionFactory core() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort);
    }

    ConnectionFactory amqp() {
        return new JmsConnectionFactory("amqp://127.0.0.1:" + jmsPort);
    }

    static String json(String id, String order, String channel, String extra) {
        return "{\"refundId\":\"" + id + "\",\"orderId\":\"" + order + "\",\"channel\":\"" + channel + "\""
                + (extra == null ? "" : "," + extra) + "}";
    }

    /** Collects events of one refund until one with {@code untilStatus} arrives. */
    static List<Message> events(MessageConsumer consumer, String untilStatus) throws JMSException {
        List<Message> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Message m = consumer.receive(500);
            if (m != null) {
                got.add(m);
                if (untilStatus.equals(m.getStringProperty("status"))) {
                    return got;
                }
            }
        }
        throw new AssertionError("no " + untilStatus + " event; got " + got.size());
    }

    @Test
    void aCoreClientSendsARefundAndWatchesItsEvents() throws Exception {
        try (Connection c = core().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = s.createConsumer(s.createTopic("refunds.events"), "JMSCorrelationID = 'J-CORE-1'");
            s.createProducer(s.createQueue("refunds.requests")).send(s.createTextMessage(
                    json("J-CORE-1", "ORD-J1", "newpay", "\"amount\":1250,\"currency\":\"USD\",\"metadata\":{\"erp\":\"X-1\"}")));
            List<Message> got = events(events, "SUCCEEDED");
            List<String> statuses = new ArrayList<>();
            for (Message m : got) {
                statuses.add(m.getStringProperty("status"));
                assertThat(m.getJMSCorrelationID()).isEqualTo("J-CORE-1");
                assertThat(m.getStringProperty("channel")).isEqualTo("newpay");
            }
            assertThat(statuses).containsExactly("RECEIVED", "SUBMITTED", "SUCCEEDED");
            JsonNode last = Json.MAPPER.readTree(((TextMessage) got.get(2)).getText());
            assertThat(last.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(last.get("previousStatus").asText()).isEqualTo("SUBMITTED");
            assertThat(last.get("metadata").get("erp").asText()).isEqualTo("X-1");
            assertThat(last.get("intake").asText()).isEqualTo("JMS");
        }
        assertThat(book("newpay").find("J-CORE-1").refundCalls).isEqualTo(1);
    }

    @Test
    void anAmqpClientSendsAndSubscribersFilterOnStatus() throws Exception {
        try (Connection c = amqp().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer settled = s.createConsumer(s.createTopic("refunds.events"),
                    "status = 'SUCCEEDED' AND channel = 'scanforpay'");
            MessageConsumer pending = s.createConsumer(s.createTopic("refunds.events"), "JMSCorrelationID = 'J-AMQP-2'");
            s.createProducer(s.createQueue("refunds.requests")).send(s.createTextMessage(
                    json("J-AMQP-1", "ORD-JA1", "scanforpay", "\"amount\":300,\"currency\":\"JPY\"")));
            Message m = settled.receive(30_000);
            assertThat(m).isNotNull();
            assertThat(m.getJMSCorrelationID()).isEqualTo("J-AMQP-1");
            assertThat(settled.receive(500)).as("only SUCCEEDED on scanforpay").isNull();

            // a refund the provider is still processing: PENDING, then settled by inquiry
            s.createProducer(s.createQueue("refunds.requests")).send(s.createTextMessage(
                    json("J-AMQP-2", "PEND-JA2", "trusty", null)));
            List<String> statuses = new ArrayList<>();
            for (Message e : events(pending, "SUCCEEDED")) {
                statuses.add(e.getStringProperty("status"));
            }
            assertThat(statuses).containsExactly("RECEIVED", "SUBMITTED", "PENDING", "SUCCEEDED");
        }
    }

    @Test
    void aRequestWithReplyToGetsTheRecord() throws Exception {
        try (Connection c = core().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination replies = s.createTemporaryQueue();
            MessageConsumer replyConsumer = s.createConsumer(replies);
            TextMessage request = s.createTextMessage(json("J-REPLY-1", "ORD-JR1", "trusty", null));
            request.setJMSReplyTo(replies);
            request.setJMSCorrelationID("my-correlation");
            s.createProducer(s.createQueue("refunds.requests")).send(request);
            TextMessage reply = (TextMessage) replyConsumer.receive(30_000);
            assertThat(reply).isNotNull();
            assertThat(reply.getJMSCorrelationID()).isEqualTo("my-correlation");
            JsonNode record = Json.MAPPER.readTree(reply.getText());
            assertThat(record.get("refundId").asText()).isEqualTo("J-REPLY-1");
            assertThat(record.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(record.get("history")).hasSize(3);

            TextMessage bad = s.createTextMessage(json("J-REPLY-2", "ORD-JR2", "trusty", "\"amount\":-1,\"currency\":\"MMK\""));
            bad.setJMSReplyTo(replies);
            s.createProducer(s.createQueue("refunds.requests")).send(bad);
            JsonNode refusal = Json.MAPPER.readTree(((TextMessage) replyConsumer.receive(30_000)).getText());
            assertThat(refusal.get("status").asText()).isEqualTo("REJECTED");
            assertThat(refusal.get("detail").asText()).contains("amount");
        }
    }

    @Test
    void messagesThatCannotBeAcceptedGoToTheDlqWithTheirReason() throws Exception {
        refund("J-DLQ-ORIG", "ORD-ORIGINAL", "trusty", null);
        String[] bodies = {
            "this is not json",
            json("J-DLQ-2", "ORD-JD2", "newpay", "\"currency\":\"USD\""),
            json("J-DLQ-ORIG", "ORD-DIFFERENT", "trusty", null),
            json("J-DLQ-4", "ORD-JD4", "paypal", null),
        };
        String[] reasons = {"body", "amount", "refundId", "channel"};
        try (Connection c = core().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue("refunds.requests"));
            for (String b : bodies) {
                p.send(s.createTextMessage(b));
            }
            MessageConsumer dlq = s.createConsumer(s.createQueue("refunds.requests.DLQ"));
            List<TextMessage> dead = new ArrayList<>();
            for (int i = 0; i < bodies.length; i++) {
                TextMessage m = (TextMessage) dlq.receive(30_000);
                assertThat(m).as("dead letter " + i).isNotNull();
                dead.add(m);
            }
            for (int i = 0; i < bodies.length; i++) {
                String body = bodies[i];
                TextMessage m = dead.stream().filter(d -> text(d).equals(body)).findFirst().orElseThrow();
                assertThat(m.getStringProperty("RefundHubError")).as(body).contains(reasons[i]);
            }
            assertThat(dead.stream().filter(d -> text(d).contains("ORD-DIFFERENT")).findFirst().orElseThrow()
                    .getStringProperty("RefundHubErrorCode")).isEqualTo("DUPLICATE_REFUND");
        }
        assertThat(ledger().find("J-DLQ-2", false)).isEmpty();
        assertThat(ledger().find("J-DLQ-ORIG", false).orElseThrow().orderId()).isEqualTo("ORD-ORIGINAL");
    }

    @Test
    void anIdenticalRedeliveryIsNotRefundedTwice() throws Exception {
        String body = json("J-REDO-1", "ORD-JRD1", "scanforpay", "\"amount\":100,\"currency\":\"JPY\"");
        try (Connection c = amqp().createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = s.createConsumer(s.createTopic("refunds.events"), "JMSCorrelationID = 'J-REDO-1'");
            MessageProducer p = s.createProducer(s.createQueue("refunds.requests"));
            p.send(s.createTextMessage(body));
            events(events, "SUCCEEDED");
            p.send(s.createTextMessage(body));   // what a redelivery after a crash looks like to the hub
            Thread.sleep(1500);
            assertThat(events.receive(500)).as("no new status change").isNull();
        }
        assertThat(book("scanforpay").find("J-REDO-1").refundCalls).isEqualTo(1);
        assertThat(ledger().find("J-REDO-1", true).orElseThrow().history()).hasSize(3);
    }

    @Test
    void healthAndMetricsShowTheBroker() {
        assertThat(json(get("/health", null)).get("checks").get("broker").get("status").asText()).isEqualTo("UP");
        assertThat(get("/metrics", null).body()).contains("refundhub_jms_queue_depth{queue=\"refunds.requests\"}")
                .contains("refundhub_events_backlog");
    }

    private static String text(TextMessage m) {
        try {
            return m.getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
