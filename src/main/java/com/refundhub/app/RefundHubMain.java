package com.refundhub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.main.Main;

/**
 * {@code java -jar refundhub.jar [--config FILE]}: Camel Main with the YAML routes, the hub's beans and the
 * configuration layered as SPEC §5 says. SIGTERM stops it gracefully (routes drain, then the ledger closes).
 */
public final class RefundHubMain {
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
        String where = Files.isDirectory(Path.of("routes")) ? "file:routes" : "classpath:routes";
        return where + "/*.camel.yaml," + where + "/providers/*.camel.yaml";
    }
}
