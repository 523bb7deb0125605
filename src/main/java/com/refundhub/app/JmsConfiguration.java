package com.refundhub.app;

import com.refundhub.api.Health;
import com.refundhub.api.HubMetrics;
import com.refundhub.config.HubSettings;
import com.refundhub.config.JmsSettings;
import com.refundhub.core.Availability;
import com.refundhub.jms.BrokerProbe;
import com.refundhub.jms.EmbeddedBroker;
import com.refundhub.jms.EventRelay;
import com.refundhub.jms.JmsIntake;
import com.refundhub.ledger.EventOutbox;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import jakarta.jms.JMSException;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * JMS (routes {@code intake-jms}, {@code events-relay}), when {@code refundhub.jms.enabled}: the JMS component on a
 * caching connection factory to the embedded broker (or the external one named by {@code refundhub.jms.broker-url}),
 * the intake, and the relay that publishes the event outbox. From here on every status change writes an event.
 */
public class JmsConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(JmsConfiguration.class);
    private EmbeddedBroker broker;
    private ActiveMQConnectionFactory artemis;
    private CachingConnectionFactory connections;
    private BrokerProbe probe;

    @BindToRegistry("jmsConnectionFactory")
    public CachingConnectionFactory jmsConnectionFactory(HubSettings settings, BrokerStart brokerStart,
                                                         CamelContext context) throws Exception {
        return settings.jms().enabled() ? connections(settings.jms(), brokerStart, context) : null;
    }

    @BindToRegistry("embeddedBroker")
    public EmbeddedBroker embeddedBroker(HubSettings settings, BrokerStart brokerStart, CamelContext context)
            throws Exception {
        if (settings.jms().enabled()) {
            connections(settings.jms(), brokerStart, context);
        }
        return broker;
    }

    @BindToRegistry("jmsIntake")
    public JmsIntake jmsIntake(HubSettings settings, LedgerDatabase ledger, RefundQueries queries) {
        return settings.jms().enabled() ? new JmsIntake(queries) : null;
    }

    @BindToRegistry("eventRelay")
    public EventRelay eventRelay(HubSettings settings, BrokerStart brokerStart, LedgerDatabase ledger, Refunds refunds,
                                 HubMetrics metrics, CamelContext context) throws Exception {
        JmsSettings s = settings.jms();
        if (!s.enabled()) {
            return null;
        }
        EventRelay relay = new EventRelay(new EventOutbox(ledger), s.eventsBatchSize(), s.eventsClaimLease(),
                connections(s, brokerStart, context), probe);
        refunds.publishEvents(true);
        metrics.gauge("refundhub_events_backlog", "status-change events not yet published", relay::backlog);
        return relay;
    }

    /** Whether the broker can be reached (SPEC §13); route broker-probe looks for its return. */
    @BindToRegistry("brokerProbe")
    public BrokerProbe brokerProbe(HubSettings settings, BrokerStart brokerStart, CamelContext context) throws Exception {
        if (settings.jms().enabled()) {
            connections(settings.jms(), brokerStart, context);
        }
        return probe;
    }

    @Override
    public void configure(CamelContext context) {
        if (connections == null) {
            return;   // JMS is off
        }
        EmbeddedBroker embedded = broker;
        context.getRegistry().findSingleByType(Health.class).add("broker", probe.healthCheck());
        HubMetrics metrics = context.getRegistry().findSingleByType(HubMetrics.class);
        ObservabilityConfiguration.unavailableGauge(metrics, probe.availability());
        if (embedded != null) {
            for (String queue : new String[] {EmbeddedBroker.REQUESTS, EmbeddedBroker.DLQ}) {
                metrics.gauge("refundhub_jms_queue_depth", "messages waiting on a queue of the embedded broker",
                        () -> embedded.depth(queue), "queue", queue);
            }
        }
    }

    /** Made once: waits for the embedded broker when there is one, then connects. */
    private synchronized CachingConnectionFactory connections(JmsSettings s, BrokerStart brokerStart, CamelContext context)
            throws Exception {
        if (connections != null) {
            return connections;
        }
        String url;
        Optional<EmbeddedBroker> started = brokerStart.await();
        if (started.isPresent()) {
            broker = started.get();
            context.addService(new OnStop("embedded broker", () -> BrokerStart.close(started.get())));
            // each consumer buffers at most 64 KB of requests in the hub's heap (Artemis' default is 1 MB each)
            url = s.listen() + "?consumerWindowSize=65536";
        } else {
            url = s.brokerUrl();
            LOG.info("using the external JMS broker at {}", url.replaceAll("//[^@/]*@", "//***@"));
        }
        artemis = new ActiveMQConnectionFactory(url, s.user(), s.password());
        probe = new BrokerProbe(new Availability("broker", "HTTP and files go on, events wait in the outbox and JMS "
                + "requests on their queue; the JMS consumers reconnect by themselves"), artemis, broker);
        BrokerProbe reportTo = probe;
        connections = new CachingConnectionFactory(artemis) {
            @Override
            public void onException(JMSException lost) {
                // the shared connection failed: the broker is gone, said (and the libraries quieted) before the
                // connection is reset under the consumers, whose sessions then fail
                reportTo.lost(lost);
                super.onException(lost);
            }
        };
        connections.setSessionCacheSize(32);
        connections.setReconnectOnException(true);
        // while it is gone, the libraries' own line per retry says nothing the hub's one line has not said
        ClosedSessionNoise.install();
        QuietWhileDown.of(probe.availability(), "org.apache.camel.component.jms",
                "org.springframework.jms", "org.apache.activemq.artemis.core.client", "org.apache.activemq.artemis.jms");
        JmsComponent jms = context.getComponent("jms", JmsComponent.class);
        jms.setConnectionFactory(connections);
        jms.setExceptionListener(probe::lost);   // the consumers' connection lost: the broker is gone
        jms.setRecoveryInterval(1000);             // and they try again every second: back within seconds of its return
        context.addService(new OnStop("JMS connections", () -> {
            connections.destroy();
            artemis.close();
        }));
        return connections;
    }
}
