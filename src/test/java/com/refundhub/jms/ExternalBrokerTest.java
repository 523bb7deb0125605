package com.refundhub.jms;

import com.refundhub.HubTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With {@code refundhub.jms.broker-url} the hub uses another broker (here one the test starts) and starts none. */
class ExternalBrokerTest extends HubTestSupport {
    private EmbeddedBroker external;
    private int externalPort;

    @Override
    protected void configure(Map<String, String> p) {
        try {
            externalPort = freePort();
            Path dir = Files.createTempDirectory("external-broker");
            external = new EmbeddedBroker(dir, "tcp://127.0.0.1:" + externalPort, 5).start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        p.put("refundhub.jms.broker-url", "tcp://127.0.0.1:" + externalPort);
    }

    @AfterAll
    void stopExternal() throws Exception {
        context.stop();
        external.close();
    }

    @Test
    void refundsAndEventsGoThroughTheExternalBroker() throws Exception {
        try (Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + externalPort).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer events = s.createConsumer(s.createTopic("refunds.events"), "status = 'SUCCEEDED'");
            s.createProducer(s.createQueue("refunds.requests")).send(s.createTextMessage(
                    "{\"refundId\":\"X-1\",\"orderId\":\"ORD-X1\",\"channel\":\"trusty\"}"));
            Message m = events.receive(30_000);
            assertThat(m).isNotNull();
            assertThat(m.getJMSCorrelationID()).isEqualTo("X-1");
        }
        assertThat(json(get("/health", null)).get("checks").get("broker").get("status").asText()).isEqualTo("UP");
        assertThat(context.getRegistry().lookupByName("embeddedBroker")).as("no embedded broker").isNull();
        assertThatThrownBy(() -> new Socket("127.0.0.1", jmsPort).close()).as("nothing listens on refundhub.jms.listen")
                .isInstanceOf(IOException.class);
    }
}
