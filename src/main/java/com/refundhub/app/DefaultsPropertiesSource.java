package com.refundhub.app;

import com.refundhub.config.HubSettings;
import org.apache.camel.Ordered;
import org.apache.camel.spi.PropertiesSource;

/**
 * The definitions' defaults as Camel's last property source (found through
 * {@code META-INF/services/org/apache/camel/properties-source-factory}), so that a placeholder such as
 * {@code camel.server.port={{refundhub.http.port}}} resolves even before the checked configuration is handed to
 * Camel ({@link CamelProperties#apply}) and for a key no file names.
 */
public class DefaultsPropertiesSource implements PropertiesSource, Ordered {
    @Override
    public String getName() {
        return "refundhub defaults";
    }

    @Override
    public String getProperty(String name) {
        return HubSettings.defaultOf(name);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST;
    }
}
