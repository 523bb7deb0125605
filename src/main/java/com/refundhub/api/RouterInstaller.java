package com.refundhub.api;

import io.vertx.ext.web.Router;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs handlers on the hub's HTTP server, Camel's main Vert.x router, beside the REST routes: the server and its
 * router exist only once the context is fully started.
 */
public abstract class RouterInstaller implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(RouterInstaller.class);

    /** Adds this installer's handlers to the main router. */
    protected abstract void install(Router router, CamelContext context);

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the server and its router exist once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        routers.stream().filter(VertxPlatformHttpRouter::isMainServer).forEach(r -> install(r, context));
        if (routers.isEmpty()) {
            LOG.warn("no platform-http router: {} not installed", getClass().getSimpleName());
        }
    }
}
