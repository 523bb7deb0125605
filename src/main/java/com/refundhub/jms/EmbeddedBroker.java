package com.refundhub.jms;

import java.net.URI;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ActiveMQ Artemis broker the hub starts by default: persistent journal under {@code data/}, one acceptor
 * speaking CORE and AMQP (Java and non-Java clients), paging to disk what does not fit in a bounded share of the
 * heap. Messages the hub keeps failing on are redelivered with
 * a growing delay and, after {@code maxDeliveries}, moved to {@code refunds.requests.DLQ} by the broker.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    public static final String REQUESTS = "refunds.requests";
    public static final String DLQ = "refunds.requests.DLQ";
    public static final String EVENTS = "refunds.events";

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();

    public EmbeddedBroker(Path dataDir, String listen, int maxDeliveries) throws Exception {
        URI uri = URI.create(listen);
        Configuration cfg = new ConfigurationImpl()
                .setName("refundhub")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        // messages waiting beyond this much memory are paged to disk: a flood of requests (or a slow event
        // subscriber) must not take the hub's heap; by default Artemis would allow half of it
        cfg.setGlobalMaxSize(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 8));
        cfg.addAcceptorConfiguration("refundhub", "tcp://" + uri.getHost() + ":" + uri.getPort() + "?protocols=CORE,AMQP");
        cfg.addAddressSetting("#", new AddressSettings().setExpiryAddress(SimpleString.of("refunds.expired"))
                .setDeadLetterAddress(SimpleString.of("refunds.dead"))
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        cfg.addAddressSetting(REQUESTS, new AddressSettings()
                .setExpiryAddress(SimpleString.of("refunds.expired"))
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setDeadLetterAddress(SimpleString.of(DLQ))
                .setMaxDeliveryAttempts(maxDeliveries)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2)
                .setMaxRedeliveryDelay(60_000));
        server.setConfiguration(cfg);
    }

    public EmbeddedBroker start() throws Exception {
        server.start();
        LOG.info("embedded Artemis broker listening (CORE, AMQP)");
        return this;
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    /**
     * Null when the broker takes messages; else why not: it has stopped (a journal it could not write stops it), or
     * its disk is above its limit ({@code max-disk-usage}, 90 % by default), when it blocks every producer until the
     * disk has room again.
     */
    public String problem() {
        if (!isActive()) {
            return "embedded broker is not active";
        }
        var paging = server.getActiveMQServer().getPagingManager();
        if (paging != null && paging.isDiskFull()) {
            return "the embedded broker's disk is above its limit (" + paging.getDiskUsableSpace() / (1 << 20)
                    + " MB free): it takes no message until there is room";
        }
        return null;
    }

    /** Messages waiting on a queue, or -1 when it does not exist yet. */
    public long depth(String queue) {
        Queue q = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        stop();
        // the client's global thread pools are not daemons: without this the JVM lingers after shutdown
        ActiveMQClient.clearThreadPools();
    }

    /**
     * Stops the broker and leaves the JVM's client thread pools alone: clients in this JVM that outlive it (a test's
     * hub, whose broker goes away and comes back) keep theirs, which {@link #close} would shut down under them.
     */
    public void stop() throws Exception {
        server.stop();
    }
}
