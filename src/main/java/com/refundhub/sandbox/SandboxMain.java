package com.refundhub.sandbox;

import com.refundhub.core.Durations;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Properties;

/**
 * Runs the sandbox alone, as a separate process (crash tests, benchmarks, cluster demo):
 * {@code java -cp refundhub.jar com.refundhub.sandbox.SandboxMain config.properties}. Reads the same
 * {@code refundhub.sandbox.*} keys as the hub.
 */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream defaults = SandboxMain.class.getResourceAsStream("/config/application.properties")) {
            if (defaults != null) {
                p.load(defaults);
            }
        }
        for (String file : args) {
            try (InputStream in = new FileInputStream(file)) {
                p.load(in);
            }
        }
        p.putAll(System.getProperties());
        String prefix = "refundhub.sandbox.";
        Sandbox sandbox = new Sandbox(k -> p.getProperty(prefix + k),
                Durations.parse(p.getProperty(prefix + "latency", "0ms")),
                Durations.parse(p.getProperty(prefix + "slow-delay", "20s")))
                .start(p.getProperty(prefix + "host", "127.0.0.1"), Integer.parseInt(p.getProperty(prefix + "port", "8091")));
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close));
        System.out.println("sandbox listening on port " + sandbox.port());
        Thread.currentThread().join();
    }
}
