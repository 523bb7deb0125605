package com.refundhub.app;

import com.refundhub.config.HubSettings;
import com.refundhub.provider.NativeCrypto;
import com.refundhub.provider.ProviderTypes;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The checked configuration, the signing provider it selects, and the provider types (descriptors): what every
 * other area starts from.
 */
public class SettingsConfiguration implements CamelConfiguration {

    /**
     * Handed over by {@link RefundHubMain}, which checked it before Camel started; in process (the tests) read and
     * checked here, from Camel's property sources. Either way the routes' {@code {{refundhub.*}}} get its values.
     */
    @BindToRegistry(HubSettings.BEAN)
    public HubSettings hubSettings(CamelContext context) {
        HubSettings s = context.getRegistry().lookupByNameAndType(HubSettings.BEAN, HubSettings.class);
        if (s == null) {
            s = HubSettings.read(CamelProperties.sources(context.getPropertiesComponent()), RefundHubMain::providerTypes);
        }
        CamelProperties.apply(context.getPropertiesComponent(), s);
        NativeCrypto.select(s.crypto().nativeProvider());   // before any key is read for signing
        return s;
    }

    /** The provider types the configuration was checked against: its descriptors. */
    @BindToRegistry("providerTypes")
    public ProviderTypes providerTypes(HubSettings settings) {
        return (ProviderTypes) settings.channelTypes();
    }
}
