package com.refundhub.jms;

import com.refundhub.ledger.EventOutbox;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;

/**
 * Route {@code events-relay}: drains the event outbox (table {@code event_outbox}) of status-change events to topic {@code refunds.events}, oldest
 * first ({@code JMSCorrelationID} = refundId, string properties {@code status} and {@code channel}). Each batch
 * is one JMS transaction (one broker write for many events), deleted from the event outbox once committed. A crash
 * between the commit and the delete publishes that batch again: at least once.
 */
public class EventRelay {
    private final EventOutbox events;
    private final int batch;
    private final Duration lease;
    private final ConnectionFactory connections;
    private final BrokerProbe broker;

    /** @param lease how long a claimed batch is this relay's; if the instance dies, the next relay waits that long */
    public EventRelay(EventOutbox events, int batch, Duration lease, ConnectionFactory connections, BrokerProbe broker) {
        this.events = events;
        this.batch = batch;
        this.lease = lease;
        this.connections = connections;
        this.broker = broker;
    }

    /**
     * Publishes everything waiting; returns how many events it published. While the broker is gone the events wait in
     * the outbox, in order: a batch it could not publish stays this relay's claim and goes out first once the broker is
     * back (its probe says so).
     */
    public int relay() {
        int published = 0;
        while (broker.takesMessages()) {
            EventOutbox.Claim claim = events.claim(batch, lease);
            if (claim.events().isEmpty()) {
                return published;
            }
            try (Connection c = connections.createConnection();
                 Session s = c.createSession(true, Session.SESSION_TRANSACTED);
                 MessageProducer producer = s.createProducer(s.createTopic(EmbeddedBroker.EVENTS))) {
                for (EventOutbox.Event e : claim.events()) {
                    TextMessage m = s.createTextMessage(e.payload());
                    m.setJMSCorrelationID(e.refundId());
                    m.setStringProperty("status", e.status());
                    m.setStringProperty("channel", e.channel());
                    producer.send(m);
                }
                s.commit();
            } catch (JMSException e) {
                broker.lost(e);
                return published;
            }
            events.delete(claim);
            published += claim.events().size();
            if (claim.events().size() < batch) {
                return published;
            }
        }
        return published;
    }

    public long backlog() {
        return events.size();
    }
}
