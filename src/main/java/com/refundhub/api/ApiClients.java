package com.refundhub.api;

import com.refundhub.route.RouteProperties;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step of every guarded HTTP route (SPEC §8.1): {@code Authorization: Bearer KEY} names a client (401
 * otherwise), the client must hold the role the endpoint's REST definition names (403 {@code FORBIDDEN} otherwise),
 * and its name becomes the exchange's {@code actor}. A refused call stops here: nothing is recorded or sent.
 * Presented keys are hashed and compared with every client's digest in constant time, whichever matches.
 */
public class ApiClients implements Processor {

    /** A caller: its name, the SHA-256 of its key, its roles. */
    public record Client(String name, byte[] keyDigest, Set<Role> roles) {
    }

    private final List<Client> clients;
    private volatile Endpoints endpoints;

    public ApiClients(List<Client> clients) {
        this.clients = List.copyOf(clients);
    }

    @Override
    public void process(Exchange exchange) {
        Client client = authenticate(exchange.getMessage().getHeader("Authorization", String.class))
                .orElseThrow(() -> new ApiProblem(401, null, "a valid API key is required: Authorization: Bearer KEY", null));
        Role needed = endpoints(exchange.getContext()).servedBy(exchange.getFromEndpoint()).map(Endpoints.Endpoint::role)
                .orElseThrow(() -> new IllegalStateException("the endpoint of route " + exchange.getFromRouteId()
                        + " has no role rule"));
        if (!client.roles().contains(needed)) {
            throw new ApiProblem(403, null, "this key does not hold the role " + needed.wireName() + " that this "
                    + "operation needs", null);
        }
        RouteProperties.ACTOR.set(exchange, client.name());
    }

    /** The client whose key is presented; every digest is compared, so the time taken does not tell which. */
    Optional<Client> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = ApiKeys.sha256(authorization.substring(7).trim());
        Client found = null;
        for (Client c : clients) {
            if (MessageDigest.isEqual(c.keyDigest(), presented) && found == null) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The client of that name. */
    public Optional<Client> named(String name) {
        return clients.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private Endpoints endpoints(CamelContext context) {
        Endpoints e = endpoints;
        if (e == null) {
            endpoints = e = Endpoints.of(context);
        }
        return e;
    }
}
