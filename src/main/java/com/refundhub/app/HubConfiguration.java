package com.refundhub.app;

import com.refundhub.api.ApiKeys;
import com.refundhub.api.BatchApi;
import com.refundhub.api.Health;
import com.refundhub.api.HttpApi;
import com.refundhub.api.HubMetrics;
import com.refundhub.config.Channels;
import com.refundhub.config.DbSettings;
import com.refundhub.config.FileDropSettings;
import com.refundhub.config.HubSettings;
import com.refundhub.config.InquirySettings;
import com.refundhub.config.JmsSettings;
import com.refundhub.core.ChannelRules;
import com.refundhub.core.RequestValidator;
import com.refundhub.flow.Acceptor;
import com.refundhub.flow.CallSetup;
import com.refundhub.flow.InquiryPolicy;
import com.refundhub.flow.Janitor;
import com.refundhub.flow.OutcomeActions;
import com.refundhub.flow.OutcomeFacts;
import com.refundhub.intake.BatchClaims;
import com.refundhub.intake.BatchIntake;
import com.refundhub.jms.EmbeddedBroker;
import com.refundhub.jms.EventRelay;
import com.refundhub.jms.JmsIntake;
import com.refundhub.ledger.Database;
import com.refundhub.ledger.EventOutbox;
import com.refundhub.ledger.BatchStore;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.OrderAmounts;
import com.refundhub.ledger.RefundClaims;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.provider.ChannelGates;
import com.refundhub.provider.OutcomeTable;
import com.refundhub.provider.ProviderCalls;
import com.refundhub.provider.ProviderContext;
import com.refundhub.provider.ProviderModule;
import com.refundhub.sandbox.Sandbox;
import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.component.quartz.QuartzComponent;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the hub for Camel Main (the application and the tests alike): takes the checked configuration
 * ({@link HubSettings}: handed over by {@link RefundHubMain}, or read here in process), opens and migrates the
 * ledger, starts the sandbox when enabled, and binds the beans the YAML routes refer to.
 */
public class HubConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings s = context.getRegistry().lookupByNameAndType(HubSettings.BEAN, HubSettings.class);
        if (s == null) {   // in process (the tests): read and check it here, from Camel's property sources
            s = HubSettings.read(CamelProperties.sources(context.getPropertiesComponent()));
        }
        CamelProperties.apply(context.getPropertiesComponent(), s);

        Map<String, ProviderModule> modules = new LinkedHashMap<>();
        for (ProviderModule m : ServiceLoader.load(ProviderModule.class)) {
            modules.put(m.type(), m);
        }
        ApiKeys apiKeys = new ApiKeys(String.join(",", s.http().apiKeys()));

        // the embedded broker (journal, acceptor: ~0.5 s) starts on another thread while the ledger opens and migrates
        CompletableFuture<EmbeddedBroker> brokerStart = startEmbeddedBroker(s.jms());
        try {
            configureHub(context, s, modules, apiKeys, brokerStart);
        } catch (Exception | Error e) {
            brokerStart.thenAccept(HubConfiguration::closeBroker);   // a failed start leaves no broker threads behind
            throw e;
        }
    }

    private void configureHub(CamelContext context, HubSettings s, Map<String, ProviderModule> modules,
                              ApiKeys apiKeys, CompletableFuture<EmbeddedBroker> brokerStart) throws Exception {
        Registry registry = context.getRegistry();
        Channels channels = s.channels();
        // ledger
        DbSettings db = s.db();
        String dbUrl = db.url();
        prepareEmbeddedDatabaseDir(dbUrl);
        HikariDataSource ds = Database.open(dbUrl, db.user(), db.password(), db.poolSize());
        context.addService(onStop("ledger database", ds::close));
        Database.migrate(ds);
        LedgerDatabase ledger = new LedgerDatabase(ds, Clock.systemUTC(), instanceId());
        Refunds refunds = new Refunds(ledger);
        RefundQueries queries = new RefundQueries(ledger);
        RefundClaims claims = new RefundClaims(ledger);
        if (Database.isEmbeddedH2(dbUrl)) {
            int freed = claims.releaseAll();   // an embedded database has no other instance: old claims are ours
            if (freed > 0) {
                LOG.info("freed {} claims left by the previous run", freed);
            }
        }
        if (s.inquiry().clustered()) {
            QuartzCluster.ensureTables(ds, dbUrl);
            context.getComponent("quartz", QuartzComponent.class).setProperties(QuartzCluster.properties(dbUrl,
                    db.user(), db.password(), context.getName()));
        }
        LOG.info("ledger ready on {} (instance {})", dbUrl.replaceAll("password=[^;&]*", "password=***"), ledger.instanceId());

        // sandbox
        if (s.sandbox().enabled()) {
            Sandbox sandbox = new Sandbox(s.sandbox()).start(s.sandbox().host(), s.sandbox().port());
            registry.bind("sandbox", sandbox);
            context.addService(onStop("sandbox", sandbox::close));
        }

        // POST /refunds holds a Vert.x worker thread until the provider's first answer: with Vert.x's default of
        // 20 workers, at most 20 HTTP refunds could be at the providers at once, whatever the channels allow
        registry.bind("vertxOptions", new VertxOptions().setWorkerPoolSize(s.http().workers()));

        // No automatic retries (HttpClient would resend a POST after a 503) and no redirects: a refund request
        // reaches a provider once per send the ledger knows of, never more.
        context.getComponent("http", HttpComponent.class).setHttpClientConfigurer(builder ->
                builder.disableAutomaticRetries().disableRedirectHandling());

        // the refund flow
        HubMetrics metrics = new HubMetrics(ledger, refunds, queries);
        Health health = new Health();
        health.add("database", () -> {
            ledger.ping();
            return null;
        });
        health.add("routes", () -> stoppedRoutes(context));
        RequestValidator validator = new RequestValidator(name -> channels.find(name)
                .map(c -> new ChannelRules(c.getType(), c.getCurrencies(), modules.get(c.getType()).amountRequired(),
                        modules.get(c.getType())::amountProblem)));
        InquirySettings inquiry = s.inquiry();
        InquiryPolicy policy = new InquiryPolicy(inquiry.maxAge(), inquiry.untrustedLimit(), inquiry.batchSize(),
                inquiry.claimLease());
        ProviderContext providerContext = new OrderAmounts(ledger)::totals;
        Map<String, OutcomeTable> tables = new LinkedHashMap<>();
        Path overrides = channels.outcomesDir();
        for (ProviderModule m : modules.values()) {
            tables.put(m.type(), OutcomeTable.load(m.getClass(), m.type(), overrides));
            m.routeBeans(providerContext).forEach(registry::bind);
        }
        Duration receivedLease = inquiry.receivedLease();

        registry.bind("ledger", ledger);
        registry.bind("refunds", refunds);
        registry.bind("refundQueries", queries);
        registry.bind("refundClaims", claims);
        registry.bind("ledgerDataSource", ds);
        registry.bind("channels", channels);
        registry.bind("apiKeys", apiKeys);
        registry.bind("metrics", metrics);
        registry.bind("health", health);
        registry.bind("httpApi", new HttpApi(ledger, queries, metrics, health));
        registry.bind("acceptor", new Acceptor(validator, refunds, receivedLease));
        registry.bind("callSetup", new CallSetup(queries, refunds, channels));
        registry.bind("providerCalls", new ProviderCalls(ledger, refunds, claims, new ChannelGates(), metrics));
        registry.bind("outcomeFacts", new OutcomeFacts(tables, ledger, queries, policy));
        registry.bind("outcomeActions", new OutcomeActions(ledger, refunds, queries, policy, metrics::contradiction));
        Janitor janitor = new Janitor(ledger, refunds, claims, policy, receivedLease);
        registry.bind("janitor", janitor);
        // stopped after the routes and before the database: sends cut off by the stop become PENDING/OUTCOME_UNKNOWN
        context.addService(onStop("abandoned sends", janitor::abandonOwnSubmissions));
        configureBatches(context, s.fileDrop(), ledger, metrics, Database.isEmbeddedH2(dbUrl));
        if (s.jms().enabled()) {
            configureJms(context, s.jms(), ledger, refunds, queries, metrics, health, brokerStart);
        }
        int inquiryThreads = inquiry.threads();
        ExecutorService inquiryPool = context.getExecutorServiceManager()
                .newThreadPool(this, "inquiry", inquiryThreads, inquiryThreads);
        registry.bind("inquiryThreads", inquiryPool);
        LOG.info("channels: {}", channels.all().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }

    /** File drop: the batch store, the file consumer's claims, the row thread pool (bounded: backpressure). */
    private void configureBatches(CamelContext context, FileDropSettings s, LedgerDatabase ledger, HubMetrics metrics,
                                  boolean embedded) throws IOException {
        BatchStore store = new BatchStore(ledger);
        if (embedded) {
            store.releaseAllClaims();
        }
        Path inbox = s.inbox();
        Path resultsDir = s.outbox();
        Files.createDirectories(inbox);
        Files.createDirectories(resultsDir);
        Duration lease = s.claimLease();
        BatchIntake intake = new BatchIntake(store, inbox, resultsDir, lease, ledger::makeDurable);
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                intake.stopReading();   // a stop begins: files being read stop at the next row
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStoppingEvent;
            }
        });
        Registry registry = context.getRegistry();
        registry.bind("batchStore", store);
        registry.bind("batchClaims", new BatchClaims(store, lease));
        registry.bind("batchIntake", intake);
        registry.bind("batchApi", new BatchApi(store, intake));
        int threads = s.threads();
        registry.bind("batchThreads", context.getExecutorServiceManager().newThreadPool(this, "batch",
                new ThreadPoolProfileBuilder("batch").poolSize(threads).maxPoolSize(threads).maxQueueSize(threads * 2)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build()));
        metrics.gauge("refundhub_batches_active", "batch files being read", intake::activeBatches);
        metrics.gauge("refundhub_batch_rows_read", "batch lines read since start", intake::totalRead);
        metrics.gauge("refundhub_batch_rows_accepted", "batch lines recorded since start", intake::totalAccepted);
        metrics.gauge("refundhub_batch_rows_rejected", "batch lines rejected since start", intake::totalRejected);
    }

    /**
     * JMS: the embedded Artemis broker (unless {@code refundhub.jms.broker-url} names an external one), the JMS
     * component on a caching connection factory, the intake and the event relay; events go to the outbox.
     */
    private void configureJms(CamelContext context, JmsSettings s, LedgerDatabase ledger, Refunds refunds,
                              RefundQueries queries, HubMetrics metrics, Health health,
                              CompletableFuture<EmbeddedBroker> brokerStart) throws Exception {
        String url = s.brokerUrl();
        EmbeddedBroker broker = null;
        if (url == null) {
            url = s.listen();
            try {
                broker = brokerStart.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            EmbeddedBroker started = broker;
            // each consumer buffers at most 64 KB of requests in the hub's heap (Artemis' default is 1 MB each)
            url = url + "?consumerWindowSize=65536";
            context.addService(onStop("embedded broker", () -> closeBroker(started)));
            for (String queue : new String[] {EmbeddedBroker.REQUESTS, EmbeddedBroker.DLQ}) {
                metrics.gauge("refundhub_jms_queue_depth", "messages waiting on a queue of the embedded broker",
                        () -> started.depth(queue), "queue", queue);
            }
        } else {
            LOG.info("using the external JMS broker at {}", url.replaceAll("//[^@/]*@", "//***@"));
        }
        ActiveMQConnectionFactory artemis = new ActiveMQConnectionFactory(url, s.user(), s.password());
        CachingConnectionFactory cf = new CachingConnectionFactory(artemis);
        cf.setSessionCacheSize(32);
        cf.setReconnectOnException(true);
        context.getComponent("jms", JmsComponent.class).setConnectionFactory(cf);
        context.addService(onStop("JMS connections", () -> {
            cf.destroy();
            artemis.close();
        }));
        EmbeddedBroker embedded = broker;
        health.add("broker", () -> {
            if (embedded != null) {
                return embedded.isActive() ? null : "embedded broker is not active";
            }
            try (jakarta.jms.Connection c = artemis.createConnection()) {
                return null;
            } catch (jakarta.jms.JMSException e) {
                return "broker unreachable: " + e.getClass().getSimpleName();
            }
        });
        EventOutbox eventOutbox = new EventOutbox(ledger);
        EventRelay relay = new EventRelay(eventOutbox, s.eventsBatchSize(), s.eventsClaimLease(), ledger::makeDurable, cf);
        refunds.publishEvents(true);
        metrics.gauge("refundhub_events_backlog", "status-change events not yet published", relay::backlog);
        Registry registry = context.getRegistry();
        registry.bind("jmsConnectionFactory", cf);
        registry.bind("jmsIntake", new JmsIntake(ledger, queries));
        registry.bind("eventRelay", relay);
        if (broker != null) {
            registry.bind("embeddedBroker", broker);
        }
    }

    /** Starts the embedded broker on another thread when JMS is on and no external broker is named. */
    private static CompletableFuture<EmbeddedBroker> startEmbeddedBroker(JmsSettings s) {
        if (!s.enabled() || !s.embeddedBroker()) {
            return CompletableFuture.completedFuture(null);
        }
        Path dataDir = s.dataDir();
        String listen = s.listen();
        int maxDeliveries = s.maxDeliveries();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new EmbeddedBroker(dataDir, listen, maxDeliveries).start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }

    private static void closeBroker(EmbeddedBroker broker) {
        if (broker == null) {
            return;
        }
        try {
            broker.close();
        } catch (Exception e) {
            LOG.warn("embedded broker did not stop cleanly: {}", e.toString());
        }
    }

    private static String stoppedRoutes(CamelContext context) {
        String stopped = context.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> context.getRouteController().getRouteStatus(id) != ServiceStatus.Started)
                .collect(Collectors.joining(", "));
        if (!context.isStarted()) {
            return "hub is " + context.getStatus();
        }
        return stopped.isEmpty() ? null : "routes not started: " + stopped;
    }

    private static void prepareEmbeddedDatabaseDir(String url) throws IOException {
        if (url.startsWith("jdbc:h2:file:")) {
            String path = url.substring("jdbc:h2:file:".length()).split(";")[0];
            Path parent = Path.of(path).toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        }
    }

    private static String instanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A Camel service that closes something when the context stops (after its routes). */
    static ServiceSupport onStop(String what, Runnable close) {
        return new ServiceSupport() {
            @Override
            protected void doStop() {
                LOG.debug("closing {}", what);
                close.run();
            }

            @Override
            public String toString() {
                return what;
            }
        };
    }

}
