package com.refundhub;

import com.refundhub.provider.ProviderModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The provider modules registered on the test classpath (ServiceLoader, so test-only providers count) and the
 * channels a test hub ({@link HubTestSupport}) has for them: those of {@code config/application.properties}, plus one
 * named after its type for every module that file does not configure. Tests that go over every provider or channel
 * take them from here, never from a list of names.
 */
public final class Providers {
    public static final String CHANNELS = "refundhub.channels.";

    private Providers() {
    }

    /** Every registered module, by type. */
    public static List<ProviderModule> modules() {
        List<ProviderModule> modules = new ArrayList<>();
        ServiceLoader.load(ProviderModule.class).forEach(modules::add);
        modules.sort(Comparator.comparing(ProviderModule::type));
        return modules;
    }

    public static ProviderModule module(String type) {
        return modules().stream().filter(m -> m.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no provider module of type " + type));
    }

    /** Channel name → type, as {@code properties} configure them ({@code refundhub.channels.NAME.type}). */
    public static Map<String, String> channelTypes(Properties properties) {
        Map<String, String> types = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(CHANNELS) && key.endsWith(".type")) {
                types.put(key.substring(CHANNELS.length(), key.length() - ".type".length()), properties.getProperty(key).trim());
            }
        }
        return types;
    }

    /** {@code config/application.properties}, the file the test hubs start from. */
    public static Properties applicationProperties() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("config/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The registered modules no channel of {@code config/application.properties} is of: the harness adds one each. */
    public static List<ProviderModule> unconfigured() {
        var configured = channelTypes(applicationProperties()).values();
        return modules().stream().filter(m -> !configured.contains(m.type())).toList();
    }

    /** Every channel of a test hub, by name. */
    public static List<SampleChannel> channels() {
        Map<String, SampleChannel> channels = new TreeMap<>();
        Map<String, ProviderModule> byType = new LinkedHashMap<>();
        modules().forEach(m -> byType.put(m.type(), m));
        channelTypes(applicationProperties()).forEach((name, type) -> {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("channel " + name + " is of type " + type + ", which no module registers");
            }
            channels.put(name, new SampleChannel(name, byType.get(type)));
        });
        unconfigured().forEach(m -> channels.put(m.type(), new SampleChannel(m.type(), m)));
        return List.copyOf(channels.values());
    }

    /** The channel a test hub refunds a provider's refunds on: the one named after its type. */
    public static SampleChannel channelOf(ProviderModule module) {
        return channels().stream().filter(c -> c.name().equals(module.type()) && c.type().equals(module.type()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no channel " + module.type() + " of that type"));
    }
}
