package com.refundhub.api;

import com.refundhub.route.RouteProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /me}: the calling client's name and roles, so a client (the operator console) can show only what its
 * key may do rather than learn it from a 403. It needs {@code read}, the role the console needs to show anything.
 */
public class MeApi {
    private final ApiClients clients;

    public MeApi(ApiClients clients) {
        this.clients = clients;
    }

    public void me(org.apache.camel.Exchange exchange) {
        String name = RouteProperties.ACTOR.require(exchange);
        ApiClients.Client client = clients.named(name).orElseThrow(() -> new IllegalStateException("no client " + name));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client", client.name());
        out.put("roles", client.roles().stream().sorted().map(Role::wireName).toList());
        HttpApi.json(exchange, 200, out);
    }
}
