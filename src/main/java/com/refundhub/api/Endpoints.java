package com.refundhub.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * The HTTP endpoints as the REST DSL of {@code routes/intake-http.camel.yaml} declares them, read from Camel's route
 * model: method, path, the route that serves it, and the role it needs — its {@code bearer} security scope. The key
 * check, the OpenAPI document and the 404/405 answers all read this, so an endpoint and its role are written once.
 */
public final class Endpoints {
    /** The security scheme whose scope names an operation's role. */
    public static final String SCHEME = "bearer";
    /** Endpoints any caller may use without a key; every other endpoint must name its role. */
    public static final Set<String> PUBLIC = Set.of("/health", "/health/live", "/health/ready", "/metrics",
            "/openapi.json");

    /** One operation: {@code routeId} as the REST DSL names it, {@code role} null for a public one. */
    public record Endpoint(String method, String path, String routeId, Role role) {
        /** The path as a pattern: {@code /refunds/{refundId}} matches {@code /refunds/R-1}. */
        Pattern pattern() {
            return Pattern.compile(path.replaceAll("\\{[^/}]+}", "[^/]+"));
        }
    }

    private final List<Endpoint> all;

    private Endpoints(List<Endpoint> all) {
        this.all = List.copyOf(all);
    }

    /**
     * Reads the REST definitions of the context.
     *
     * @throws IllegalStateException for an endpoint that names no role and is not public, or an unknown role
     */
    public static Endpoints of(CamelContext context) {
        List<Endpoint> all = new ArrayList<>();
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = join(rest.getPath(), verb.getPath());
                Role role = role(verb).map(Role::ofWireName).orElse(null);
                if (role == null && !PUBLIC.contains(path)) {
                    throw new IllegalStateException(verb.asVerb().toUpperCase(Locale.ROOT) + " " + path
                            + " names no role (security: key " + SCHEME + ", scopes: " + Role.names() + ")");
                }
                all.add(new Endpoint(verb.asVerb().toUpperCase(Locale.ROOT), path, verb.getRouteId(), role));
            }
        }
        return new Endpoints(all);
    }

    private static Optional<String> role(VerbDefinition verb) {
        if (verb.getSecurity() == null) {
            return Optional.empty();
        }
        return verb.getSecurity().stream().filter(s -> SCHEME.equals(s.getKey())).map(SecurityDefinition::getScopes)
                .findFirst();
    }

    private static String join(String base, String path) {
        String b = base == null ? "" : base.replaceAll("/+$", "");
        String p = path == null ? "" : path.startsWith("/") ? path : "/" + path;
        return (b + p).isEmpty() ? "/" : b + p;
    }

    public List<Endpoint> all() {
        return all;
    }

    /** The endpoint a REST route's consumer serves ({@code Exchange.getFromEndpoint()}): same method and path. */
    public Optional<Endpoint> servedBy(org.apache.camel.Endpoint consumer) {
        if (!(consumer instanceof PlatformHttpEndpoint http)) {
            return Optional.empty();
        }
        return all.stream().filter(e -> e.path().equals(http.getPath())
                && e.method().equalsIgnoreCase(String.valueOf(http.getHttpMethodRestrict()))).findFirst();
    }

    /** The methods the endpoints matching a request path take: empty when no endpoint has that path. */
    public Set<String> methodsOf(String requestPath) {
        Set<String> methods = new TreeSet<>();
        all.stream().filter(e -> e.pattern().matcher(requestPath).matches()).forEach(e -> methods.add(e.method()));
        return methods;
    }
}
