package com.refundhub.it;

import com.refundhub.Providers;
import com.refundhub.SampleChannel;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.ProviderTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The channels of the packaged jar ({@link HubProcess#JAR}), which holds no provider of the test sources: what the
 * process-level tests spread their refunds over. Read from the jar itself — the descriptors its
 * {@code providers/built-in.list} names and the channels its embedded {@code config/application.properties} configures
 * — not from the test classpath.
 */
final class JarProviders {
    private JarProviders() {
    }

    static List<SampleChannel> channels() {
        try (JarFile jar = new JarFile(HubProcess.JAR.toFile())) {
            ProviderTypes types = ProviderTypes.load(List.of(new URL("jar:" + HubProcess.JAR.toUri() + "!/"
                    + ProviderTypes.BUILT_IN)), null);
            if (!types.problems().isEmpty()) {
                throw new IllegalStateException("the jar's descriptors have problems: " + types.problems());
            }
            Properties config = new Properties();
            config.load(new java.io.StringReader(read(jar, "config/application.properties")));
            List<SampleChannel> channels = new ArrayList<>();
            Providers.channelTypes(config).forEach((name, type) -> {
                Descriptor d = types.find(type).orElseThrow(() -> new IllegalStateException("the jar configures channel "
                        + name + " of type " + type + ", which it does not ship"));
                channels.add(new SampleChannel(name, d));
            });
            return channels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
