package com.refundhub.app;

import java.util.List;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.CamelBeanPostProcessor;
import org.apache.camel.support.PluginHelper;

/**
 * Wires the hub for Camel Main, the application and the tests alike: one configuration class per area, each binding
 * its beans with {@code @BindToRegistry} from the beans of the areas before it, in the order below (Camel Main runs
 * configurations in the order they are added; this list is that order, in one place).
 */
public class HubConfiguration implements CamelConfiguration {
    /** The areas, in the order their beans are made. */
    static final List<Class<? extends CamelConfiguration>> AREAS = List.of(
            SettingsConfiguration.class,      // the checked configuration, the provider modules
            BrokerConfiguration.class,        // the embedded broker, starting while the ledger opens
            LedgerConfiguration.class,        // database, migrations, the ledger's parts
            SandboxConfiguration.class,       // the provider simulators, when enabled
            ObservabilityConfiguration.class, // metrics and health
            ProviderConfiguration.class,      // channels, HTTP client, outcome tables, provider calls, provider beans
            FlowConfiguration.class,          // accept, call setup, outcome, janitor, inquiry threads
            RetentionConfiguration.class,     // pruning old final refunds' details
            WebhookConfiguration.class,       // signed status changes to the systems that asked, stored before sent
            HttpConfiguration.class,          // the HTTP API
            FileDropConfiguration.class,      // batch files
            JmsConfiguration.class);          // JMS intake and the event relay

    @Override
    public void configure(CamelContext context) throws Exception {
        CamelBeanPostProcessor beans = PluginHelper.getBeanPostProcessor(context);
        try {
            for (Class<? extends CamelConfiguration> area : AREAS) {
                CamelConfiguration configuration = area.getDeclaredConstructor().newInstance();
                beans.postProcessBeforeInitialization(configuration, area.getName());   // its @BindToRegistry methods
                beans.postProcessAfterInitialization(configuration, area.getName());
                configuration.configure(context);
            }
        } catch (Exception | Error e) {
            BrokerStart started = context.getRegistry().lookupByNameAndType(BrokerConfiguration.BEAN, BrokerStart.class);
            if (started != null) {
                started.abandon();   // a failed start leaves no broker threads behind
            }
            throw e;
        }
    }
}
