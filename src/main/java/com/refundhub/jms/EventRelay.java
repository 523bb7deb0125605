package com.refundhub.jms;

import com.refundhub.ledger.EventOutbox;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Route {@code events-relay}: takes the oldest status-change events from the outbox, publishes them in order to
 * topic {@code refunds.events} ({@code JMSCorrelationID} = refundId, properties {@code status}, {@code channel}),
 * then deletes them. A crash between publishing and deleting publishes again: at least once.
 */
public class EventRelay {
    private final EventOutbox outbox;
    private final int batch;

    private final Runnable durability;

    public EventRelay(EventOutbox outbox, int batch, Runnable durability) {
        this.outbox = outbox;
        this.batch = batch;
        this.durability = durability;
    }

    public List<EventOutbox.Event> claim(Exchange exchange) {
        durability.run();   // never publish a change a crash could still take back
        EventOutbox.Claim claim = outbox.claim(batch, Duration.ofMinutes(1));
        exchange.setProperty("eventClaim", claim);
        return claim.events();
    }

    /** Split step: one event as a JMS message. */
    public void toMessage(EventOutbox.Event event, Exchange exchange) {
        var m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader("JMSCorrelationID", event.refundId());
        m.setHeader("status", event.status());
        m.setHeader("channel", event.channel());
        m.setBody(event.payload());
    }

    public void published(Exchange exchange) {
        outbox.delete(exchange.getProperty("eventClaim", EventOutbox.Claim.class));
    }

    public long backlog() {
        return outbox.size();
    }
}
