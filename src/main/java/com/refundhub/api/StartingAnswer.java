package com.refundhub.api;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * The hub's HTTP server listens before its routes exist: a request in between would get Vert.x's HTML 404, which a
 * careful client takes for "no such endpoint" and stops resubmitting. Until every route runs, every request is
 * answered 503 problem+json {@code STARTING} with {@code Retry-After: 1} (the readiness probe included), but
 * {@code /health/live}: a process that starts is alive. The answer is put on the server's router
 * before it listens, as the first handler of every path (the one hook Camel's server offers there is its
 * authentication handlers); once the hub has fully started it passes every request on.
 */
public class StartingAnswer implements StartupListener {
    private volatile boolean started;

    /** Puts the answer on the server of this configuration, which must not have started yet. */
    public void installOn(VertxPlatformHttpServerConfiguration server) {
        AuthenticationConfig auth = server.getAuthenticationConfig();
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> (AuthenticationProvider) (credentials, result) -> {
            throw new UnsupportedOperationException("authenticates nobody: it only answers while the hub starts");
        });
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return StartingAnswer.this::handle;
            }
        });
        auth.getEntries().add(entry);
        auth.setEnabled(true);
    }

    private void handle(RoutingContext ctx) {
        if (started) {
            ctx.next();
            return;
        }
        if ("/health/live".equals(ctx.normalizedPath())) {   // starting is living: a liveness probe must not restart it
            ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
            return;
        }
        ApiProblem problem = new ApiProblem(503, "STARTING", "the hub is starting; try again in a moment", null);
        // the readiness probe's own shape (its state, and no check yet)
        String body = "/health/ready".equals(ctx.normalizedPath())
                ? problem.toJson(java.util.Map.of("state", "STARTING", "checks", java.util.Map.of())) : problem.toJson();
        ctx.response().setStatusCode(503).putHeader("Retry-After", "1").putHeader("Content-Type", ApiProblem.MEDIA_TYPE)
                .end(body);
    }

    /** The hub is starting (again): every request gets 503 STARTING until {@link #onCamelContextFullyStarted}. */
    public void starting() {
        started = false;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // routes are still starting
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        started = true;
    }
}
