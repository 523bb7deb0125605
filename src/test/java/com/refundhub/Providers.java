package com.refundhub;

import com.refundhub.provider.Descriptor;
import com.refundhub.provider.ProviderTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The provider descriptors registered on the test classpath (every {@code providers/built-in.list}, so the test-only
 * provider counts) and the channels a test hub ({@link HubTestSupport}) has for them: those of
 * {@code config/application.properties}, plus one named after its type for every descriptor that file does not
 * configure. Tests that go over every provider or channel take them from here, never from a list of names.
 */
public final class Providers {
    public static final String CHANNELS = "refundhub.channels.";
    private static final ProviderTypes REGISTERED = ProviderTypes.load(null);

    private Providers() {
    }

    /** Every registered descriptor, by name. */
    public static List<Descriptor> descriptors() {
        if (!REGISTERED.problems().isEmpty()) {
            throw new IllegalStateException("registered descriptors have problems: " + REGISTERED.problems());
        }
        return List.copyOf(REGISTERED.all());
    }

    public static ProviderTypes types() {
        return REGISTERED;
    }

    public static Descriptor descriptor(String type) {
        return REGISTERED.find(type).orElseThrow(() -> new IllegalArgumentException("no provider descriptor " + type));
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

    /** The registered descriptors no channel of {@code config/application.properties} is of: the harness adds one each. */
    public static List<Descriptor> unconfigured() {
        var configured = channelTypes(applicationProperties()).values();
        return descriptors().stream().filter(d -> !configured.contains(d.name())).toList();
    }

    /** Every channel of a test hub, by name. */
    public static List<SampleChannel> channels() {
        Map<String, SampleChannel> channels = new TreeMap<>();
        Map<String, Descriptor> byType = new LinkedHashMap<>();
        descriptors().forEach(d -> byType.put(d.name(), d));
        channelTypes(applicationProperties()).forEach((name, type) -> {
            if (!byType.containsKey(type)) {
                throw new IllegalStateException("channel " + name + " is of type " + type + ", which no descriptor registers");
            }
            channels.put(name, new SampleChannel(name, byType.get(type)));
        });
        unconfigured().forEach(d -> channels.put(d.name(), new SampleChannel(d.name(), d)));
        return List.copyOf(channels.values());
    }

    /** The channel a test hub refunds a provider's refunds on: the one named after its type. */
    public static SampleChannel channelOf(Descriptor descriptor) {
        return channels().stream().filter(c -> c.name().equals(descriptor.name()) && c.type().equals(descriptor.name()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no channel " + descriptor.name() + " of that type"));
    }

    /**
     * The settings of a channel at the sandbox for {@code d}, from its descriptor: {@code sandbox.channel}, else the
     * sandbox account's setting of the same name.
     */
    public static Map<String, String> sandboxChannelSettings(Descriptor d) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Descriptor.SettingSpec s : d.settings()) {
            String v = d.sandbox().channel().get(s.name());
            if (v == null) {
                v = d.sandbox().account().stream().filter(a -> a.name().equals(s.name())).map(Descriptor.SettingSpec::defaultText)
                        .findFirst().orElse(null);
            }
            if (v != null) {
                out.put(s.name(), v);
            }
        }
        return out;
    }
}
