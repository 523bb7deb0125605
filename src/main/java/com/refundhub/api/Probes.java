package com.refundhub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.ShutdownRoute;

/**
 * {@code GET /health/live} and {@code GET /health/ready} (SPEC §12), for a platform that restarts a stuck process and
 * sends work only to an instance that can take it (Kubernetes' liveness and readiness probes, a load balancer).
 * Live: the process answers. Ready: the hub has started and is not stopping, and every check of {@code /health}
 * (ledger, broker, routes) is UP. While SIGTERM drains the hub it is not ready and still live: the probes' own routes
 * are the last to stop, so a platform sees "draining" rather than a refused connection.
 */
public class Probes {
    /** The probes' routes (intake-http.camel.yaml; the REST DSL inlines each verb's direct: route under its id). */
    public static final List<String> ROUTES = List.of("health-live", "health-ready");

    public enum State { STARTING, READY, DRAINING }

    private final CamelContext context;
    private final Health health;

    public Probes(CamelContext context, Health health) {
        this.context = context;
        this.health = health;
    }

    /** Stops the probes' routes after every other route has drained (call once the routes are added). */
    public static void stopLast(CamelContext context) {
        for (String id : ROUTES) {
            Route route = context.getRoute(id);
            if (route == null) {
                throw new IllegalStateException("no route " + id + " for a probe");
            }
            route.setShutdownRoute(ShutdownRoute.Defer);
        }
    }

    /** Where the hub is in its life: starting until Camel has started every route, draining from SIGTERM on. */
    public State state() {
        return switch (context.getStatus()) {
            case Started -> State.READY;
            case Initializing, Initialized, Starting -> State.STARTING;
            default -> State.DRAINING;   // stopping, stopped, suspending, suspended: no new work
        };
    }

    public void live(Exchange exchange) {
        HttpApi.json(exchange, 200, Map.of("status", "UP"));
    }

    /** 200 when ready; else 503, a problem whose detail says why (starting, draining, the checks that are DOWN). */
    public void ready(Exchange exchange) {
        State state = state();
        Health.Report report = health.check();
        if (state == State.READY && report.up()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "UP");
            body.put("state", state.name());
            body.put("checks", report.parts());
            HttpApi.json(exchange, 200, body);
            return;
        }
        String why = switch (state) {
            case STARTING -> "starting";
            case DRAINING -> "draining: the hub is stopping and takes no new work";
            case READY -> "not ready";
        };
        List<String> down = report.down();
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("state", state.name());
        extensions.put("checks", report.parts());
        new ApiProblem(503, null, down.isEmpty() ? why : why + "; " + String.join("; ", down), null)
                .answer(exchange, extensions);
    }
}
