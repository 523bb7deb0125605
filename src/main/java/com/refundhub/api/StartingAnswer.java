package com.refundhub.api;

import io.vertx.ext.web.Route;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The hub's HTTP server listens before its routes exist: a request in between would get Vert.x's HTML 404, which a
 * careful client takes for "no such endpoint" and stops resubmitting. From the moment Camel's services have started
 * until every route runs, a request is answered 503 problem+json {@code STARTING} with {@code Retry-After: 1}; then
 * this answer is removed and costs the requests nothing. (The server starts a fraction of a second before Camel's
 * first callback: that much of the start is still Vert.x's.)
 */
public class StartingAnswer implements StartupListener {
    private final java.util.List<Route> routes = new java.util.ArrayList<>();

    @Override
    public synchronized void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            if (router.isMainServer()) {
                routes.add(router.route().order(Integer.MIN_VALUE).handler(ctx -> {
                    ctx.response().putHeader("Retry-After", "1");
                    HttpErrors.answer(ctx, new ApiProblem(503, "STARTING", "the hub is starting; try again in a moment",
                            null));
                }));
            }
        }
    }

    @Override
    public synchronized void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        routes.forEach(Route::remove);
        routes.clear();
    }
}
