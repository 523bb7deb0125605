package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.refundhub.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * {@code GET /openapi.json} (SPEC §8.3): the OpenAPI 3 document of the HTTP API, kept in
 * {@code src/main/resources/openapi/refundhub.json} (paths, parameters, schemas of every request, answer and
 * problem), with each operation's security and role added from the REST DSL ({@link Endpoints}) when served — so
 * a role is written once. Tests hold the document and the routes to each other and the hub's answers to the document.
 */
public class OpenApiDocument {
    public static final String RESOURCE = "/openapi/refundhub.json";

    private volatile String served;

    public void serve(Exchange exchange) {
        String doc = served;
        if (doc == null) {
            served = doc = Json.write(withRoles(load(), Endpoints.of(exchange.getContext())));
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(doc);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    /** The document as kept in the jar, without roles. */
    public static ObjectNode load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Each operation the routes serve gets {@code security} (none for a public one), {@code x-roles} and a line of
     * description naming its role.
     *
     * @throws IllegalStateException when the document does not describe an operation the routes serve
     */
    static ObjectNode withRoles(ObjectNode doc, Endpoints endpoints) {
        for (Endpoints.Endpoint e : endpoints.all()) {
            JsonNode op = doc.path("paths").path(e.path()).path(e.method().toLowerCase(Locale.ROOT));
            if (!(op instanceof ObjectNode operation)) {
                throw new IllegalStateException("the OpenAPI document does not describe " + e.method() + " " + e.path());
            }
            ArrayNode security = operation.putArray("security");
            ArrayNode roles = operation.putArray("x-roles");
            String said = operation.path("description").asText("");
            if (e.role() == null) {
                operation.put("description", (said + "\n\nNo key needed.").strip());
            } else {
                security.addObject().putArray(Endpoints.SCHEME);
                roles.add(e.role().wireName());
                operation.put("description", (said + "\n\nRole: `" + e.role().wireName() + "`.").strip());
            }
        }
        return doc;
    }
}
