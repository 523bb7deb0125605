package com.refundhub.it;

import com.refundhub.Providers;
import com.refundhub.SampleChannel;
import com.refundhub.provider.ProviderModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The channels of the packaged jar ({@link HubProcess#JAR}), which holds no provider of the test sources: what the
 * process-level tests spread their refunds over. Read from the jar itself — the provider modules its
 * {@code META-INF/services} registers and the channels its embedded {@code config/application.properties} configures
 * — not from the test classpath's ServiceLoader. The module classes named there are the test classpath's (the jar
 * is built from them): they tell whether a channel takes amounts and in which currency.
 */
final class JarProviders {
    private static final String SERVICES = "META-INF/services/" + ProviderModule.class.getName();

    private JarProviders() {
    }

    static List<SampleChannel> channels() {
        try (JarFile jar = new JarFile(HubProcess.JAR.toFile())) {
            Map<String, ProviderModule> modules = new LinkedHashMap<>();
            for (String line : read(jar, SERVICES).split("\\R")) {
                String name = line.replaceAll("#.*", "").trim();
                if (!name.isEmpty()) {
                    ProviderModule m = (ProviderModule) Class.forName(name).getDeclaredConstructor().newInstance();
                    modules.put(m.type(), m);
                }
            }
            Properties config = new Properties();
            config.load(new java.io.StringReader(read(jar, "config/application.properties")));
            List<SampleChannel> channels = new ArrayList<>();
            Providers.channelTypes(config).forEach((name, type) -> {
                if (!modules.containsKey(type)) {
                    throw new IllegalStateException("the jar configures channel " + name + " of type " + type + ", which it does not register");
                }
                channels.add(new SampleChannel(name, modules.get(type)));
            });
            return channels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the jar registers a provider module the test classpath cannot make", e);
        }
    }

    private static String read(JarFile jar, String entry) throws IOException {
        ZipEntry e = jar.getEntry(entry);
        if (e == null) {
            throw new IllegalStateException(HubProcess.JAR + " has no " + entry);
        }
        try (InputStream in = jar.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
