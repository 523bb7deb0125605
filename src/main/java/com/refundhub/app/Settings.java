package com.refundhub.app;

import com.refundhub.core.Durations;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The hub's configuration as Camel resolved it: {@code config/application.properties}, then the
 * {@code --config} file, then system properties and environment variables ({@code REFUNDHUB_HTTP_PORT} for
 * {@code refundhub.http.port}).
 */
final class Settings {
    private final PropertiesComponent properties;

    Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    String get(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty()).orElse(null);
    }

    String get(String key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }

    int integer(String key, int fallback) {
        String v = get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be an integer, not '" + v + "'");
        }
    }

    Duration duration(String key, String fallback) {
        try {
            return Durations.parse(get(key, fallback));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage());
        }
    }

    boolean flag(String key, boolean fallback) {
        String v = get(key);
        return v == null ? fallback : Boolean.parseBoolean(v);
    }

    /** Every key of the configuration files, and the hub's keys given as system properties (-D). */
    Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(properties.loadProperties().stringPropertyNames());
        for (String k : System.getProperties().stringPropertyNames()) {
            if (k.startsWith("refundhub.")) {
                names.add(k);
            }
        }
        return names;
    }
}
