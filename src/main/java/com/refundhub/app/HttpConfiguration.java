package com.refundhub.app;

import com.refundhub.api.ApiClients;
import com.refundhub.api.ApiKeys;
import com.refundhub.api.ConsolePages;
import com.refundhub.api.Health;
import com.refundhub.api.HttpApi;
import com.refundhub.api.HttpErrors;
import com.refundhub.api.HubMetrics;
import com.refundhub.api.LedgerBackupApi;
import com.refundhub.api.MeApi;
import com.refundhub.api.OpenApiDocument;
import com.refundhub.api.RefundListApi;
import com.refundhub.api.ResolutionApi;
import com.refundhub.api.StartingAnswer;
import com.refundhub.api.SummaryApi;
import com.refundhub.config.HttpSettings;
import com.refundhub.config.HubSettings;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.ledger.Resolutions;
import io.vertx.core.VertxOptions;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;

/** The HTTP API (routes in {@code intake-http.camel.yaml}), the operator console and the server they run on. */
public class HttpConfiguration implements CamelConfiguration {

    /**
     * POST /refunds holds a Vert.x worker thread until the provider's first answer: with Vert.x's default of 20
     * workers, at most 20 HTTP refunds could be at the providers at once, whatever the channels allow.
     */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions(HubSettings settings) {
        return new VertxOptions().setWorkerPoolSize(settings.http().workers());
    }

    /** The clients' keys (only their digests are kept) and roles: the key check of every guarded route. */
    @BindToRegistry("apiClients")
    public ApiClients apiClients(HubSettings settings) {
        return new ApiClients(settings.clients().stream()
                .map(c -> new ApiClients.Client(c.name(), ApiKeys.digest(c.key()), c.roles())).toList());
    }

    @BindToRegistry("httpApi")
    public HttpApi httpApi(RefundQueries queries, HubMetrics metrics, Health health) {
        return new HttpApi(queries, metrics, health);
    }

    @BindToRegistry("refundListApi")
    public RefundListApi refundListApi(RefundQueries queries) {
        return new RefundListApi(queries);
    }

    @BindToRegistry("resolutionApi")
    public ResolutionApi resolutionApi(Refunds refunds, RefundQueries queries) {
        return new ResolutionApi(new Resolutions(refunds, queries));
    }

    @BindToRegistry("ledgerBackupApi")
    public LedgerBackupApi ledgerBackupApi(HubSettings settings, LedgerDatabase ledger) {
        return new LedgerBackupApi(ledger, settings.db().url(), settings.db().backupDir(), java.time.Clock.systemUTC());
    }

    @BindToRegistry("meApi")
    public MeApi meApi(ApiClients clients) {
        return new MeApi(clients);
    }

    @BindToRegistry("summaryApi")
    public SummaryApi summaryApi(LedgerDatabase ledger, RefundQueries queries) {
        return new SummaryApi(ledger, queries);
    }

    @BindToRegistry("openApi")
    public OpenApiDocument openApi() {
        return new OpenApiDocument();
    }

    /**
     * The operator console's pages, and 404, 405, 413... answered as problems by the server itself, once it is up;
     * before that, while the routes start, 503 STARTING.
     */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(new ConsolePages());
        context.addStartupListener(new HttpErrors());
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null) {   // the server is made, and listens once the context starts
            HttpSettings.ServerTls tls = context.getRegistry().lookupByNameAndType(HubSettings.BEAN, HubSettings.class).http().tls();
            if (tls != null) {
                server.getConfiguration().setSslContextParameters(serverTls(tls));
            }
            StartingAnswer starting = context.getRegistry().lookupByNameAndType("startingAnswer", StartingAnswer.class);
            starting.installOn(server.getConfiguration());
            context.addStartupListener(starting);
        }
    }

    /** HTTPS only, TLS 1.3 and 1.2, with the key store the configuration check has already opened. */
    static SSLContextParameters serverTls(HttpSettings.ServerTls tls) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + tls.keyStore().toAbsolutePath());
        store.setType("PKCS12");
        store.setPassword(tls.password());
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(tls.password());
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setKeyManagers(keys);
        ssl.setSecureSocketProtocols(protocols);
        return ssl;
    }

    @BindToRegistry("startingAnswer")
    public StartingAnswer startingAnswer() {
        return new StartingAnswer();
    }
}
