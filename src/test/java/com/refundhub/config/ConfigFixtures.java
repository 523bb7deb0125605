package com.refundhub.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** Configurations for tests: the shipped config/application.properties, a test's file on top, an environment. */
final class ConfigFixtures {
    static final String FILE = "file test.properties";

    private ConfigFixtures() {
    }

    static Properties shipped() {
        try {
            return ConfigSources.load(Path.of("config/application.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties props(Map<String, String> values) {
        Properties p = new Properties();
        p.putAll(values);
        return p;
    }

    /** The shipped file, then {@code file}, then {@code env}. */
    static ConfigSources sources(Map<String, String> file, Map<String, String> env) {
        return new ConfigSources(env).addFile(shipped(), "file config/application.properties")
                .addFile(props(file), FILE);
    }

    static HubSettings read(Map<String, String> file) {
        return HubSettings.read(sources(file, Map.of()), com.refundhub.app.RefundHubMain::providerTypes);
    }

    static HubSettings read(Map<String, String> file, Map<String, String> env) {
        return HubSettings.read(sources(file, env), com.refundhub.app.RefundHubMain::providerTypes);
    }
}
