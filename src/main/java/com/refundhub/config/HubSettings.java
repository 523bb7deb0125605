package com.refundhub.config;

import com.refundhub.api.ApiKeys;
import com.refundhub.provider.ProviderModule;
import com.refundhub.sandbox.Simulator;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The hub's whole configuration, read once from its sources and checked (SPEC §9): one typed record per area.
 * Reading reports every problem at once ({@link ConfigProblems}); nothing else reads raw properties.
 */
public final class HubSettings {
    /** Registry name under which {@code java -jar} hands the checked configuration to the wiring. */
    public static final String BEAN = "hubSettings";

    /** An area of keys written in full, as the reference lists them. */
    public record Area(String title, List<Setting<?>> settings) {
    }

    /** The areas, in the reference's order. A new area is a record with its settings, and one line here. */
    public static final List<Area> AREAS = List.of(
            new Area("HTTP API", HttpSettings.SETTINGS),
            new Area("Ledger database", DbSettings.SETTINGS),
            new Area("Inquiry and recovery", InquirySettings.SETTINGS),
            new Area("File drop", FileDropSettings.SETTINGS),
            new Area("JMS and events", JmsSettings.SETTINGS),
            new Area("Retention", RetentionSettings.SETTINGS),
            new Area("Sandbox", SandboxSettings.SETTINGS),
            new Area("Cryptography", CryptoSettings.SETTINGS),
            new Area("Logs and traces", ObservabilitySettings.SETTINGS),
            new Area("Providers", List.of(Channels.OUTCOMES_DIR)));

    private final HttpSettings http;
    private final List<HttpClients.Client> clients;
    private final DbSettings db;
    private final InquirySettings inquiry;
    private final FileDropSettings fileDrop;
    private final JmsSettings jms;
    private final RetentionSettings retention;
    private final SandboxSettings sandbox;
    private final CryptoSettings crypto;
    private final ObservabilitySettings observability;
    private final Channels channels;
    private final List<Webhooks.Webhook> webhooks;
    private final Map<String, ConfigReader.Entry> entries;

    private HubSettings(ConfigReader r, Collection<ProviderModule> modules, Collection<Simulator> simulators) {
        SettingValues v = r.values();
        AREAS.forEach(a -> a.settings().forEach(v::get));   // read in the reference's order: --check-config's order
        http = HttpSettings.read(v);
        clients = HttpClients.read(r, http.apiKeys());
        db = DbSettings.read(v);
        inquiry = InquirySettings.read(v);
        fileDrop = FileDropSettings.read(v);
        jms = JmsSettings.read(v);
        retention = RetentionSettings.read(v);
        sandbox = SandboxSettings.read(r, simulators, false);
        crypto = CryptoSettings.read(v);
        observability = ObservabilitySettings.read(v);
        Map<String, ProviderModule> byType = new LinkedHashMap<>();
        modules.forEach(m -> byType.put(m.type(), m));
        channels = Channels.read(r, byType);
        webhooks = Webhooks.read(r);
        entries = r.entries();
    }

    /** Reads and checks the configuration with the provider modules and simulators of this build. */
    public static HubSettings read(ConfigSources sources) {
        return read(sources, ServiceLoader.load(ProviderModule.class).stream().map(ServiceLoader.Provider::get).toList(),
                simulators());
    }

    private static List<Simulator> simulators() {
        return ServiceLoader.load(Simulator.class).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** @throws ConfigProblems listing every problem, when there is any */
    public static HubSettings read(ConfigSources sources, Collection<ProviderModule> modules,
                                   Collection<Simulator> simulators) {
        ConfigReader r = new ConfigReader(sources, DEFAULTS);
        HubSettings s = new HubSettings(r, modules, simulators);
        s.checkRules(r);
        r.checkUnknown("refundhub.");
        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return s;
    }

    /**
     * Only the sandbox's keys, for the simulators running on their own ({@code SandboxMain}): they run whatever
     * {@code refundhub.sandbox.enabled} says, and the hub's other keys are not checked.
     */
    public static SandboxSettings readSandbox(ConfigSources sources) {
        ConfigReader r = new ConfigReader(sources, DEFAULTS);
        SandboxSettings s = SandboxSettings.read(r, simulators(), true);
        r.checkUnknown(SandboxSettings.PREFIX);
        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return s;
    }

    /** Only {@code refundhub.crypto.*}, for the simulators running on their own: they sign as the hub does. */
    public static CryptoSettings readCrypto(ConfigSources sources) {
        ConfigReader r = new ConfigReader(sources, DEFAULTS);
        CryptoSettings s = CryptoSettings.read(r.values());
        r.checkUnknown(CryptoSettings.PREFIX);
        if (!r.problems().isEmpty()) {
            throw new ConfigProblems(r.problems());
        }
        return s;
    }

    /** What no single key can tell: the refusals that protect a deployment. */
    private void checkRules(ConfigReader r) {
        if (!sandbox.enabled() && ApiKeys.includesSandboxKey(http.apiKeys())) {
            r.problem(HttpSettings.API_KEYS.key(), "the sandbox is off but refundhub.http.api-keys still holds the "
                    + "sandbox demo key; configure your own keys");
        }
        for (HttpClients.Client c : clients) {
            if (!sandbox.enabled() && !c.name().startsWith("api-key-") && ApiKeys.includesSandboxKey(List.of(c.key()))) {
                r.problem(HttpClients.keyOf(c), "the sandbox is off but client " + c.name() + " has the sandbox demo "
                        + "key; configure its own key");
            }
        }
        if (clients.isEmpty() && r.problemsUnder(HttpClients.PREFIX) == 0
                && r.problemsUnder(HttpSettings.API_KEYS.key()) == 0) {
            r.problem(HttpSettings.API_KEYS.key(), "required, not set; or name clients with "
                    + HttpClients.PREFIX + "NAME.key and .roles");
        }
        if (r.problemsUnder("refundhub.http.tls.") == 0) {
            http.checkTls(r);
        }
        if (channels.all().isEmpty() && r.problemsUnder(Channels.PREFIX) == 0) {
            r.problem(Channels.PREFIX + "NAME.type", "no channels configured: at least one channel is needed");
        }
        if (r.problemsUnder(Channels.PREFIX) == 0) {
            Webhooks.checkChannels(r, webhooks, channels.names());
        }
        if (inquiry.clustered() && db.url() != null && !db.url().startsWith(DbSettings.POSTGRESQL)) {
            r.problem(InquirySettings.CLUSTERED.key(), "clustered inquiry needs the ledger the instances share: "
                    + DbSettings.URL.key() + "=" + DbSettings.POSTGRESQL + "//...");
        }
    }

    private static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        AREAS.forEach(a -> a.settings().stream().filter(s -> s.defaultText() != null)
                .forEach(s -> defaults.put(s.key(), s.defaultText())));
        return Map.copyOf(defaults);
    }

    /** The default text of a key written in full ({@code refundhub.http.port} → {@code 8080}); null if none. */
    public static String defaultOf(String key) {
        return DEFAULTS.get(key);
    }

    public HttpSettings http() {
        return http;
    }

    /** Every HTTP client: the api-keys' (all roles), then the named ones. */
    public List<HttpClients.Client> clients() {
        return clients;
    }

    public DbSettings db() {
        return db;
    }

    public InquirySettings inquiry() {
        return inquiry;
    }

    public FileDropSettings fileDrop() {
        return fileDrop;
    }

    public JmsSettings jms() {
        return jms;
    }

    public RetentionSettings retention() {
        return retention;
    }

    public SandboxSettings sandbox() {
        return sandbox;
    }

    public CryptoSettings crypto() {
        return crypto;
    }

    public ObservabilitySettings observability() {
        return observability;
    }

    public Channels channels() {
        return channels;
    }

    /** The webhook endpoints, by name (none when not configured). */
    public List<Webhooks.Webhook> webhooks() {
        return webhooks;
    }

    /** Every key read, with its text, origin and value, in the order read. */
    public Collection<ConfigReader.Entry> entries() {
        return entries.values();
    }

    /**
     * The checked values as Camel's placeholders receive them ({@code {{refundhub.batch.read-lock-interval}}}):
     * normalised (durations in milliseconds), defaults included.
     */
    public Properties camelProperties() {
        Properties p = new Properties();
        for (ConfigReader.Entry e : entries.values()) {
            if (e.value() != null) {
                p.setProperty(e.key(), e.setting().type().toCamel(e.value()));
            }
        }
        return p;
    }
}
