package com.refundhub.app;

import com.refundhub.config.ConfigSources;
import com.refundhub.config.HubSettings;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import org.apache.camel.component.properties.LocationPropertiesSource;
import org.apache.camel.component.properties.PropertiesLocation;
import org.apache.camel.spi.LoadablePropertiesSource;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.PropertiesSource;

/** Between the checked configuration and Camel's property placeholders. */
final class CamelProperties {
    private CamelProperties() {
    }

    /** The sources Camel has (its property files, each with its location), then -D and the environment. */
    static ConfigSources sources(PropertiesComponent pc) {
        ConfigSources sources = new ConfigSources(System.getenv());
        if (pc instanceof org.apache.camel.component.properties.PropertiesComponent impl) {
            List<PropertiesSource> all = new ArrayList<>(impl.getPropertiesSources());
            Collections.reverse(all);   // Camel asks them in order, the first that has a key wins: lowest first here
            for (PropertiesSource source : all) {
                if (source instanceof LocationPropertiesSource located && source instanceof LoadablePropertiesSource loadable) {
                    PropertiesLocation where = located.getLocation();
                    sources.addFile(loadable.loadProperties(), where.getResolver() + " " + where.getPath());
                }
            }
        } else {
            sources.addFile(pc.loadProperties(), "Camel properties");
        }
        return sources.addSystemProperties(System.getProperties());
    }

    /**
     * Every {@code {{refundhub.*}}} placeholder resolves to the checked, normalised value (a duration written
     * {@code 1s} reaches a millisecond option as {@code 1000}), defaults included. The environment and system
     * properties are already part of those values, so Camel consults them only for keys the hub does not define.
     */
    static void apply(PropertiesComponent pc, HubSettings settings) {
        Properties overrides = new Properties();
        if (pc instanceof org.apache.camel.component.properties.PropertiesComponent impl) {
            if (impl.getOverrideProperties() != null) {
                overrides.putAll(impl.getOverrideProperties());
            }
            impl.setEnvironmentVariableMode(org.apache.camel.component.properties.PropertiesComponent.ENVIRONMENT_VARIABLES_MODE_FALLBACK);
            impl.setSystemPropertiesMode(org.apache.camel.component.properties.PropertiesComponent.SYSTEM_PROPERTIES_MODE_FALLBACK);
        }
        overrides.putAll(settings.camelProperties());
        pc.setOverrideProperties(overrides);
    }
}
