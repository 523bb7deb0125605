package com.refundhub.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import com.refundhub.config.ConfigProblems;
import com.refundhub.config.ConfigSources;
import com.refundhub.config.EffectiveConfig;
import com.refundhub.config.DbSettings;
import com.refundhub.config.HubSettings;
import com.refundhub.ledger.Database;
import com.refundhub.proof.TestProvider;
import com.refundhub.provider.ProviderTypes;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * {@code java -jar refundhub.jar [--config FILE] [COMMAND]} ({@link CommandLine}): checks the configuration, layered as
 * SPEC §5 says, before anything starts (every problem, one line each, exit status 2); opens the ledger (one line and
 * exit 2 when it cannot); then Camel Main with the YAML routes and the hub's beans. The commands check the
 * configuration or the ledger, back the ledger up, repair or convert it, or prove a provider descriptor against its
 * own sandbox ({@link TestProvider}), instead of starting. SIGTERM stops the hub
 * gracefully (routes drain, then the ledger closes).
 */
public final class RefundHubMain {
    private static final Pattern ROUTE_FILE = Pattern.compile("^routes/[^/]+\\.camel\\.yaml$");

    private RefundHubMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine line;
        try {
            line = CommandLine.parse(args, System.getenv("REFUNDHUB_CONFIG"));
        } catch (CommandLine.Refused e) {
            System.err.println("refundhub: " + e.getMessage());
            System.err.print(CommandLine.usage());
            System.exit(2);
            return;
        }
        LedgerCommands ledger = new LedgerCommands(System.out, System.err);
        switch (line.command()) {
            case HELP -> {
                System.out.print(CommandLine.usage());
                return;
            }
            case MIGRATE_LEDGER -> exit(ledger.migrate(line.argument()));
            case TEST_PROVIDER -> exit(TestProvider.run(Path.of(line.argument()), System.out, System.err));
            default -> {
                // every other command reads the configuration first
            }
        }
        String config = line.config();
        if (config != null && !Files.isReadable(Path.of(config))) {
            System.err.println("refundhub: configuration file " + config + " cannot be read");
            System.exit(2);
        }
        HubSettings settings;
        try {
            settings = HubSettings.read(ConfigSources.standard(config == null ? null : Path.of(config), line.configOrigin()),
                    RefundHubMain::providerTypes);
        } catch (ConfigProblems e) {
            System.err.println("refundhub: " + e.getMessage());
            System.exit(2);
            return;
        }
        switch (line.command()) {
            case CHECK_CONFIG -> {
                System.out.print(EffectiveConfig.print(settings));
                return;
            }
            case CHECK_LEDGER -> exit(ledger.check(settings.db()));
            case BACKUP -> exit(ledger.backup(settings.db(), Path.of(line.argument())));
            case REPAIR_LEDGER -> exit(ledger.repair(settings.db()));
            default -> start(settings, config, ledger);
        }
    }

    /** Null when {@code host:port} can be listened on now; else the one line that says it cannot. */
    static String portTaken(String host, int port, String key) {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress(host, port));
            return null;
        } catch (java.io.IOException e) {
            return "cannot listen on " + host + ":" + port + " (" + key + "): " + e.getMessage()
                    + "; another process (another hub?) has it, or choose another port";
        }
    }

    private static void start(HubSettings settings, String config, LedgerCommands ledger) throws Exception {
        DbSettings db = settings.db();
        HikariDataSource opened;
        try {
            opened = Database.openMigrated(db.url(), db.user(), db.password(), db.poolSize(),
                    LedgerConfiguration.timeouts(db));
        } catch (RuntimeException e) {
            ledger.cannotOpen(db, e);
            System.exit(2);
            return;
        }
        // After the ledger (its lock names a second hub on the same data better than its port would). A port in use
        // would leave the hub running without its API (the server only warns): refuse to start instead
        String taken = portTaken(settings.http().host(), settings.http().port(), "refundhub.http.port");
        if (taken == null && settings.sandbox().enabled()) {
            taken = portTaken(settings.sandbox().host(), settings.sandbox().port(), "refundhub.sandbox.port");
        }
        if (taken != null) {
            System.err.println("refundhub: " + taken);
            System.exit(2);
            return;
        }
        LogFormat.apply(settings.observability().logFormat());
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertyLocations(config));
        main.bind(HubSettings.BEAN, settings);
        main.bind(LedgerConfiguration.OPENED, opened);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport m) {   // before Camel resolves camel.server.port={{...}}
                CamelProperties.apply(m.getCamelContext().getPropertiesComponent(), settings);
            }
        });
        main.configure().addConfiguration(HubConfiguration.class);
        main.configure().withRoutesIncludePattern(routesIncludePattern());
        main.run();
    }

    private static void exit(int status) {
        System.exit(status);
    }

    /** The provider descriptors: the jar's, those of {@code dir}, with the outcome rows {@code outcomes} overrides. */
    public static ProviderTypes providerTypes(Path dir, Path outcomes) {
        return ProviderTypes.load(dir).withOutcomeOverrides(outcomes);
    }

    /** First location wins: the --config file, then ./config/application.properties, then the jar's copy. */
    public static String propertyLocations(String configFile) {
        String base = "file:config/application.properties;optional=true,classpath:config/application.properties";
        return configFile == null ? base : "file:" + configFile + "," + base;
    }

    /** Routes from ./routes when the working directory has them (edit without rebuilding), else from the jar. */
    public static String routesIncludePattern() {
        if (Files.isDirectory(Path.of("routes"))) {
            return "file:routes/*.camel.yaml";
        }
        List<String> inJar = routesInJar();
        return inJar.isEmpty() ? "classpath:routes/*.camel.yaml"
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
