package com.refundhub.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where configuration text comes from, lowest precedence first: property files, then system properties, then
 * environment variables — the order Camel's PropertiesComponent applies (it asks the environment first, then
 * system properties, then the files). Each value keeps its origin, for {@code --check-config} and problems.
 */
public final class ConfigSources {
    /** Environment variables of the hub's prefix that are not settings. */
    public static final Set<String> OTHER_ENV = Set.of("REFUNDHUB_CONFIG", "REFUNDHUB_LOG_LEVEL");

    /** A configured text and where it came from. */
    public record Raw(String text, String origin) {
    }

    private final List<Map<String, Raw>> layers = new ArrayList<>();   // lowest first
    private final Map<String, String> env;
    private final Set<String> usedEnv = new HashSet<>();

    public ConfigSources(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The hub's sources as {@code java -jar} has them: the jar's file, ./config's, the --config file, -D, env. */
    public static ConfigSources standard(Path configFile, String configOrigin) {
        ConfigSources s = new ConfigSources(System.getenv());
        try (InputStream in = ConfigSources.class.getResourceAsStream("/config/application.properties")) {
            if (in != null) {
                s.addFile(load(in), "config/application.properties in the jar");
            }
            Path local = Path.of("config/application.properties");
            if (Files.isReadable(local)) {
                s.addFile(load(local), "file config/application.properties");
            }
            if (configFile != null) {
                s.addFile(load(configFile), configOrigin + " file " + configFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s.addSystemProperties(System.getProperties());
    }

    public static Properties load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in);
        }
    }

    private static Properties load(InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        return p;
    }

    /** A layer above the ones added so far, every key from one origin. */
    public ConfigSources addFile(Properties values, String origin) {
        Map<String, Raw> layer = new LinkedHashMap<>();
        values.stringPropertyNames().forEach(k -> layer.put(k, new Raw(values.getProperty(k), origin)));
        layers.add(layer);
        return this;
    }

    public ConfigSources addSystemProperties(Properties system) {
        Map<String, Raw> layer = new LinkedHashMap<>();
        system.stringPropertyNames().forEach(k -> layer.put(k, new Raw(system.getProperty(k), "system property -D" + k)));
        layers.add(layer);
        return this;
    }

    /** The text of a key, as Camel would find it: environment (KEY or K_E_Y), then the layers from the top. */
    public Optional<Raw> find(String key) {
        for (String name : List.of(key.toUpperCase(Locale.ROOT), envName(key))) {
            String v = env.get(name);
            if (v != null) {
                usedEnv.add(name);
                return Optional.of(new Raw(v, "environment " + name));
            }
        }
        for (int i = layers.size() - 1; i >= 0; i--) {
            Raw r = layers.get(i).get(key);
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Every key the property layers name (the environment names no keys, only values for them). */
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        layers.forEach(l -> keys.addAll(l.keySet()));
        return keys;
    }

    /** Where a key named by a layer came from (the top-most layer naming it). */
    public String origin(String key) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Raw r = layers.get(i).get(key);
            if (r != null) {
                return r.origin();
            }
        }
        return null;
    }

    /** Variables named {@code envPrefix*} (e.g. {@code REFUNDHUB_}) that no key read so far took its value from. */
    public Set<String> unusedEnv(String envPrefix) {
        Set<String> out = new TreeSet<>();
        for (String name : env.keySet()) {
            if (name.startsWith(envPrefix) && !OTHER_ENV.contains(name) && !usedEnv.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** {@code refundhub.channels.shop1.read-timeout} → {@code REFUNDHUB_CHANNELS_SHOP1_READ_TIMEOUT}. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The environment variable's value (placeholders {@code {{env:NAME}}}). */
    String env(String name) {
        String v = env.get(name);
        if (v != null) {
            usedEnv.add(name);
        }
        return v;
    }
}
