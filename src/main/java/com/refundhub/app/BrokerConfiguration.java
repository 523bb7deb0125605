package com.refundhub.app;

import com.refundhub.config.HubSettings;
import com.refundhub.config.JmsSettings;
import com.refundhub.jms.EmbeddedBroker;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The embedded ActiveMQ Artemis broker, when JMS is on and no external broker is named. It starts on another thread
 * here, first, so that it is up by the time the ledger has opened and migrated; the JMS area waits for it.
 */
public class BrokerConfiguration implements CamelConfiguration {
    static final String BEAN = "embeddedBrokerStart";

    @BindToRegistry(BEAN)
    public BrokerStart embeddedBrokerStart(HubSettings settings) {
        JmsSettings s = settings.jms();
        if (!s.enabled() || !s.embeddedBroker()) {
            return BrokerStart.none();
        }
        return BrokerStart.begin(() -> new EmbeddedBroker(s.dataDir(), s.listen(), s.maxDeliveries()).start());
    }
}
