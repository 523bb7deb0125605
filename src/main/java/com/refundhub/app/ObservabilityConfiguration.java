package com.refundhub.app;

import com.refundhub.api.Health;
import com.refundhub.api.HubMetrics;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import java.util.stream.Collectors;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;

/** Metrics ({@code /metrics}) and health ({@code /health}); later areas add their gauges and checks to them. */
public class ObservabilityConfiguration implements CamelConfiguration {

    @BindToRegistry("metrics")
    public HubMetrics metrics(LedgerDatabase ledger, Refunds refunds, RefundQueries queries) {
        return new HubMetrics(ledger, refunds, queries);
    }

    @BindToRegistry("health")
    public Health health(LedgerDatabase ledger, CamelContext context) {
        Health health = new Health();
        health.add("database", () -> {
            ledger.ping();
            return null;
        });
        health.add("routes", () -> stoppedRoutes(context));
        return health;
    }

    private static String stoppedRoutes(CamelContext context) {
        if (!context.isStarted()) {
            return "hub is " + context.getStatus();
        }
        String stopped = context.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> context.getRouteController().getRouteStatus(id) != ServiceStatus.Started)
                .collect(Collectors.joining(", "));
        return stopped.isEmpty() ? null : "routes not started: " + stopped;
    }
}
