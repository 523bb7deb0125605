package com.refundhub.app;

import com.refundhub.config.ConfigSources;
import com.refundhub.config.HubSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.OrderedLocationProperties;

/** Between the checked configuration and Camel's property placeholders. */
final class CamelProperties {
    private CamelProperties() {
    }

    /** The sources Camel has (its property files, with their locations), then -D and the environment. */
    static ConfigSources sources(PropertiesComponent pc) {
        Properties loaded = pc.loadProperties();
        Map<String, ConfigSources.Raw> layer = new LinkedHashMap<>();
        for (String key : loaded.stringPropertyNames()) {
            String location = loaded instanceof OrderedLocationProperties olp ? olp.getLocation(key) : null;
            layer.put(key, new ConfigSources.Raw(loaded.getProperty(key),
                    location == null ? "Camel properties" : location.replaceFirst(":", " ")));
        }
        return new ConfigSources(System.getenv()).addLayer(layer).addSystemProperties(System.getProperties());
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
