package com.refundhub.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server answers by itself, as problems too (SPEC §8.7): a path no route serves (404), a method its
 * path does not take (405, with {@code Allow}), a body over {@code refundhub.http.max-body-size} (413) and any other
 * failure before a route runs. Installed on Camel's Vert.x router once the server is up: a last route that catches
 * every request no route took, and a failure handler that answers failures before Vert.x would (and log them at
 * ERROR, as it does for an oversized body). While the hub stops, a route that has drained is gone from the router: a
 * request for it is answered 503 {@code DRAINING} with {@code Retry-After}, never 404 or 405, which a careful client
 * would take as final and stop resubmitting.
 */
public class HttpErrors extends RouterInstaller {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    @Override
    protected void install(Router router, CamelContext context) {
        install(router, Endpoints.of(context), () -> context.getStatus().isStopping() || context.getStatus().isStopped());
    }

    static void install(Router router, Endpoints endpoints, BooleanSupplier stopping) {
        router.route().last().handler(ctx -> unmatched(ctx, endpoints, stopping));
        router.route().failureHandler(HttpErrors::failed);
    }

    /** No route took the request: its path is unknown (404) or takes other methods (405), or its route has drained. */
    private static void unmatched(RoutingContext ctx, Endpoints endpoints, BooleanSupplier stopping) {
        Set<String> methods = endpoints.methodsOf(ctx.normalizedPath());
        if (!methods.isEmpty() && stopping.getAsBoolean()) {
            ctx.response().putHeader("Retry-After", "1");
            answer(ctx, new ApiProblem(503, "DRAINING", "the hub is stopping; try again in a moment", null));
        } else if (methods.isEmpty()) {
            answer(ctx, new ApiProblem(404, null, "no such endpoint; the API is described at /openapi.json", null));
        } else {
            ctx.response().putHeader("Allow", String.join(", ", methods));
            answer(ctx, new ApiProblem(405, null, printable(ctx.request().method()) + " is not allowed here; allowed: "
                    + String.join(", ", methods), null));
        }
    }

    /** A failure before a route ran (the body handler's 413, a request it could not read...). */
    private static void failed(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.error("HTTP request failed before reaching a route", ctx.failure());
        }
        String detail = status == 413 ? "the body is larger than refundhub.http.max-body-size"
                : status >= 500 ? "internal error; nothing was changed" : "the request could not be read";
        answer(ctx, new ApiProblem(status, null, detail, null));
    }

    /** Answers with {@code problem} unless an answer was already sent. */
    static void answer(RoutingContext ctx, ApiProblem problem) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", ApiProblem.MEDIA_TYPE)
                .end(problem.toJson());
    }

    private static String printable(HttpMethod method) {
        return method.name().replaceAll("[^A-Z_-]", "?");
    }
}
