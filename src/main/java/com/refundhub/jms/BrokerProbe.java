package com.refundhub.jms;

import com.refundhub.core.Availability;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.util.function.Supplier;

/**
 * Whether the broker can take the hub's messages now (SPEC §13), kept in an {@link Availability} named "broker". The
 * event relay and the JMS consumers' connection report its loss; while it is gone this probe looks for its return
 * every second (route {@code broker-probe}) with a connection of its own, not the one the consumers share. An embedded
 * broker is gone when it has stopped, or while its disk is above its limit (it would then block every producer, the
 * relay included, until the disk has room again).
 */
public class BrokerProbe {
    private final Availability broker;
    private final ConnectionFactory connections;
    private final EmbeddedBroker embedded;

    /**
     * @param connections a factory of its own connections to the broker (not the shared, caching one)
     * @param embedded    the embedded broker, or null for an external one
     */
    public BrokerProbe(Availability broker, ConnectionFactory connections, EmbeddedBroker embedded) {
        this.broker = broker;
        this.connections = connections;
        this.embedded = embedded;
    }

    public Availability availability() {
        return broker;
    }

    /** While the broker is gone: back once a connection can be made again (and an embedded one's disk has room). */
    public void probe() {
        if (!broker.isUp() && problem() == null) {
            broker.markUp();
        }
    }

    /** Whether the broker takes messages now; if not, it is reported gone (one line) and false. */
    public boolean takesMessages() {
        if (!broker.isUp()) {
            return false;
        }
        String blocked = embedded == null ? null : embedded.problem();
        if (blocked != null) {
            broker.markDown(blocked);
            return false;
        }
        return true;
    }

    /** A failure of a connection to the broker, as the relay or the consumers' connection meet it. */
    public void lost(JMSException e) {
        broker.markDown(Availability.reason(e));
    }

    /** For the health check: null when it can be used, else why not (looked at now). */
    public String problem() {
        if (embedded != null) {
            return embedded.problem();
        }
        try (Connection c = connections.createConnection()) {
            return null;
        } catch (JMSException e) {
            return "broker unreachable: " + Availability.reason(e);
        }
    }

    /** The health check of the broker: what {@link Availability} says while it is gone, else a look now. */
    public Supplier<String> healthCheck() {
        return () -> broker.isUp() ? problem() : broker.problem();
    }
}
