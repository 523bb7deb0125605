package com.refundhub.app;

import com.refundhub.api.ApiKeys;
import com.refundhub.api.Health;
import com.refundhub.api.HttpApi;
import com.refundhub.api.HubMetrics;
import com.refundhub.config.HubSettings;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import io.vertx.core.VertxOptions;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The HTTP API (routes in {@code intake-http.camel.yaml}) and the server it runs on. */
public class HttpConfiguration implements CamelConfiguration {

    /**
     * POST /refunds holds a Vert.x worker thread until the provider's first answer: with Vert.x's default of 20
     * workers, at most 20 HTTP refunds could be at the providers at once, whatever the channels allow.
     */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions(HubSettings settings) {
        return new VertxOptions().setWorkerPoolSize(settings.http().workers());
    }

    @BindToRegistry("apiKeys")
    public ApiKeys apiKeys(HubSettings settings) {
        return new ApiKeys(String.join(",", settings.http().apiKeys()));
    }

    @BindToRegistry("httpApi")
    public HttpApi httpApi(LedgerDatabase ledger, RefundQueries queries, HubMetrics metrics, Health health) {
        return new HttpApi(ledger, queries, metrics, health);
    }
}
