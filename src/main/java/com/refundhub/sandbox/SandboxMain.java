package com.refundhub.sandbox;

import com.refundhub.config.ConfigProblems;
import com.refundhub.config.ConfigSources;
import com.refundhub.config.HubSettings;
import com.refundhub.config.SandboxSettings;
import com.refundhub.provider.NativeCrypto;
import com.refundhub.provider.ProviderTypes;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Runs the sandbox alone, as a separate process (crash tests, benchmarks, cluster demo):
 * {@code java -cp refundhub.jar com.refundhub.sandbox.SandboxMain config.properties}. Reads the same
 * {@code refundhub.sandbox.*} keys as the hub (the jar's defaults, then the files, -D and the environment),
 * checked the same way, and {@code refundhub.crypto.native}: it signs with the provider the hub would choose.
 * Keys of the hub's other areas are not its concern.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        ConfigSources sources = new ConfigSources(System.getenv());
        Properties defaults = new Properties();
        try (InputStream in = SandboxMain.class.getResourceAsStream("/config/application.properties")) {
            if (in != null) {
                defaults.load(in);
            }
        }
        sources.addFile(defaults, "config/application.properties in the jar");
        for (String file : args) {
            sources.addFile(ConfigSources.load(Path.of(file)), "file " + file);
        }
        sources.addSystemProperties(System.getProperties());
        SandboxSettings settings;
        ProviderTypes[] types = new ProviderTypes[1];
        try {
            settings = HubSettings.readSandbox(sources, (dir, outcomes) -> types[0] = ProviderTypes.load(dir));
            NativeCrypto.select(HubSettings.readCrypto(sources).nativeProvider());   // sign and verify as the hub does
        } catch (ConfigProblems e) {
            System.err.println("sandbox: " + e.getMessage());
            System.exit(2);
            return;
        }
        Sandbox sandbox = new Sandbox(settings, types[0].all()).start(settings.host(), settings.port(), settings.tls());
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        System.out.println("sandbox listening on port " + sandbox.port());
        Thread.currentThread().join();
    }
}
