package com.refundhub.jms;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A small command-line JMS client for the tour and for operators:
 * <pre>
 *   java -cp refundhub.jar com.refundhub.jms.JmsTool send '{"refundId":...}' [--url tcp://host:61616]
 *   java -cp refundhub.jar com.refundhub.jms.JmsTool watch ["status = 'SUCCEEDED'"] [--url ...]
 * </pre>
 * {@code send} waits for the reply (the record, or the refusal); {@code watch} prints every event of
 * topic {@code refunds.events} (optionally filtered by a JMS selector on {@code status}, {@code channel},
 * {@code JMSCorrelationID}) until interrupted.
 */
public final class JmsTool {
    private JmsTool() {
    }

    public static void main(String[] args) throws Exception {
        String url = "tcp://127.0.0.1:61616";
        String command = args.length > 0 ? args[0] : "";
        String argument = null;
        for (int i = 1; i < args.length; i++) {
            if ("--url".equals(args[i]) && i + 1 < args.length) {
                url = args[++i];
            } else {
                argument = args[i];
            }
        }
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url); Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            switch (command) {
                case "send" -> {
                    if (argument == null) {
                        usage();
                        return;
                    }
                    Destination replies = s.createTemporaryQueue();
                    TextMessage request = s.createTextMessage(argument);
                    request.setJMSReplyTo(replies);
                    s.createProducer(s.createQueue(EmbeddedBroker.REQUESTS)).send(request);
                    Message reply = s.createConsumer(replies).receive(60_000);
                    System.out.println(reply instanceof TextMessage t ? t.getText() : "no reply within 60 s");
                }
                case "watch" -> {
                    MessageConsumer events = s.createConsumer(s.createTopic(EmbeddedBroker.EVENTS), argument);
                    System.err.println("watching " + EmbeddedBroker.EVENTS + (argument == null ? "" : " where " + argument)
                            + " (Ctrl-C to stop)");
                    while (true) {
                        Message m = events.receive();
                        System.out.println(m.getJMSCorrelationID() + " " + m.getStringProperty("status") + " "
                                + (m instanceof TextMessage t ? t.getText() : ""));
                    }
                }
                default -> usage();
            }
        }
    }

    private static void usage() {
        System.err.println("usage: JmsTool send JSON [--url URL] | watch [SELECTOR] [--url URL]");
    }
}
