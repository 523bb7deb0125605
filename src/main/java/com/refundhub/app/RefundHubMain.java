package com.refundhub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import com.refundhub.config.ConfigProblems;
import com.refundhub.config.ConfigSources;
import com.refundhub.config.EffectiveConfig;
import com.refundhub.config.HubSettings;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code java -jar refundhub.jar [--config FILE] [--check-config]}: checks the configuration, layered as SPEC §5
 * says, before anything starts (every problem, one line each, exit status 2); then Camel Main with the YAML
 * routes and the hub's beans. {@code --check-config} prints the effective configuration instead of starting.
 * SIGTERM stops the hub gracefully (routes drain, then the ledger closes).
 */
public final class RefundHubMain {
    private static final Pattern ROUTE_FILE = Pattern.compile("^routes/(providers/)?[^/]+\\.camel\\.yaml$");

    private RefundHubMain() {
    }

    public static void main(String[] args) throws Exception {
        String config = System.getenv("REFUNDHUB_CONFIG");
        String configOrigin = "REFUNDHUB_CONFIG";
        boolean checkOnly = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = args[++i];
                configOrigin = "--config";
            } else if (args[i].startsWith("--config=")) {
                config = args[i].substring("--config=".length());
                configOrigin = "--config";
            } else if ("--check-config".equals(args[i])) {
                checkOnly = true;
            } else {
                rest.add(args[i]);
            }
        }
        if (config != null && !Files.isReadable(Path.of(config))) {
            System.err.println("refundhub: configuration file " + config + " cannot be read");
            System.exit(2);
        }
        HubSettings settings;
        try {
            settings = HubSettings.read(ConfigSources.standard(config == null ? null : Path.of(config), configOrigin));
        } catch (ConfigProblems e) {
            System.err.println("refundhub: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (checkOnly) {
            System.out.print(EffectiveConfig.print(settings));
            return;
        }
        LogFormat.apply(settings.observability().logFormat());
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocations(config));
        main.bind(HubSettings.BEAN, settings);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {   // before Camel resolves camel.server.port={{...}}
                CamelProperties.apply(m.getCamelContext().getPropertiesComponent(), settings);
            }
        });
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
