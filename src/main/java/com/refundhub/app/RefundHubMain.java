package com.refundhub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.main.Main;

/**
 * {@code java -jar refundhub.jar [--config FILE]}: Camel Main with the YAML routes, the hub's beans and the
 * configuration layered as SPEC §5 says. SIGTERM stops it gracefully (routes drain, then the ledger closes).
 */
public final class RefundHubMain {
    private static final Pattern ROUTE_FILE = Pattern.compile("^routes/(providers/)?[^/]+\\.camel\\.yaml$");

    private RefundHubMain() {
    }

    public static void main(String[] args) throws Exception {
        String config = System.getenv("REFUNDHUB_CONFIG");
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = args[++i];
            } else if (args[i].startsWith("--config=")) {
                config = args[i].substring("--config=".length());
            } else {
                rest.add(args[i]);
            }
        }
        if (config != null && !Files.isReadable(Path.of(config))) {
            System.err.println("refundhub: configuration file " + config + " cannot be read");
            System.exit(2);
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocations(config));
        main.configure().addConfiguration(HubConfiguration.class);
        main.configure().withRoutesIncludePattern(routesIncludePattern());
        main.run(rest.toArray(String[]::new));
    }

    /** First location wins: the --config file, then ./config/application.properties, then the jar's copy. */
    public static String propertyLocations(String configFile) {
        String base = "file:config/application.properties;optional=true,classpath:config/application.properties";
        return configFile == null ? base : "file:" + configFile + "," + base;
    }

    /** Routes from ./routes when the working directory has them (edit without rebuilding), else from the jar. */
    public static String routesIncludePattern() {
        if (Files.isDirectory(Path.of("routes"))) {
            return "file:routes/*.camel.yaml,file:routes/providers/*.camel.yaml";
        }
        List<String> inJar = routesInJar();
        return inJar.isEmpty() ? "classpath:routes/*.camel.yaml,classpath:routes/providers/*.camel.yaml"
                : inJar.stream().map(name -> "classpath:" + name).collect(Collectors.joining(","));
    }

    /**
     * The route files of the hub's jar, by name. Camel's classpath wildcard reads (inflates) the whole fat jar to
     * find them, about 1.5 s of the start; the jar's directory lists them at once.
     */
    static List<String> routesInJar() {
        try {
            Path location = Path.of(RefundHubMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return List.of();
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream().map(JarEntry::getName).filter(ROUTE_FILE.asPredicate()).sorted().toList();
            }
        } catch (Exception e) {   // no jar to read: fall back to Camel's wildcard
            return List.of();
        }
    }
}
