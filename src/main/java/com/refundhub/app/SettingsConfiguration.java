package com.refundhub.app;

import com.refundhub.config.HubSettings;
import com.refundhub.provider.NativeCrypto;
import com.refundhub.provider.ProviderModules;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The checked configuration, the signing provider it selects, and the provider modules of this build: what every
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
            s = HubSettings.read(CamelProperties.sources(context.getPropertiesComponent()));
        }
        CamelProperties.apply(context.getPropertiesComponent(), s);
        NativeCrypto.select(s.crypto().nativeProvider());   // before any key is read for signing
        return s;
    }

    @BindToRegistry("providerModules")
    public ProviderModules providerModules() {
        return ProviderModules.registered();
    }
}
