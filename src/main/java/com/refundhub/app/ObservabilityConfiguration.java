package com.refundhub.app;

import com.refundhub.api.Health;
import com.refundhub.api.HubMetrics;
import com.refundhub.api.Probes;
import com.refundhub.core.Availability;
import com.refundhub.config.HubSettings;
import com.refundhub.trace.RefundTraces;
import com.refundhub.trace.Tracing;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import java.util.stream.Collectors;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.StartupListener;

/**
 * Metrics ({@code /metrics}), health ({@code /health}), the probes ({@code /health/live}, {@code /health/ready}) and
 * tracing; later areas add their gauges and checks to them.
 */
public class ObservabilityConfiguration implements CamelConfiguration {

    @BindToRegistry("metrics")
    public HubMetrics metrics(LedgerDatabase ledger, Refunds refunds, RefundQueries queries) {
        HubMetrics metrics = new HubMetrics(ledger, refunds, queries);
        unavailableGauge(metrics, ledger.availability());
        return metrics;
    }

    /** refundhub_unavailable{dependency=...}: 1 while the ledger or the broker is gone (SPEC §13), else 0. */
    static void unavailableGauge(HubMetrics metrics, Availability dependency) {
        metrics.gauge("refundhub_unavailable", "1 while the dependency (ledger, broker) is gone: work that needs it "
                + "waits or is refused", () -> dependency.isUp() ? 0 : 1, "dependency", dependency.name());
    }

    @BindToRegistry("health")
    public Health health(LedgerDatabase ledger, CamelContext context) {
        Health health = new Health();
        health.add("database", () -> {
            String gone = ledger.availability().problem();   // since when and why, without waiting on the database
            if (gone != null) {
                return gone;
            }
            ledger.ping();
            return null;
        });
        health.add("routes", () -> stoppedRoutes(context));
        return health;
    }

    /** OpenTelemetry, when refundhub.tracing.otlp-endpoint is set; what is still buffered is sent after the routes stop. */
    @BindToRegistry("tracing")
    public Tracing tracing(HubSettings settings, LedgerDatabase ledger, CamelContext context) throws Exception {
        Tracing tracing = Tracing.of(settings.observability(), ledger.instanceId());
        if (tracing.enabled()) {
            context.addService(new OnStop("tracing", tracing::close));
        }
        return tracing;
    }

    @BindToRegistry("refundTraces")
    public RefundTraces refundTraces(Tracing tracing, RefundQueries queries) {
        return new RefundTraces(tracing, queries);
    }

    @BindToRegistry("probes")
    public Probes probes(Health health, CamelContext context) {
        return new Probes(context, health);
    }

    /** The probes answer while everything else drains: their routes stop last. */
    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {   // every route exists
                Probes.stopLast(ctx);
            }
        });
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
