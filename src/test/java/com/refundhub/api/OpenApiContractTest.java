package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.ApiTraffic;
import com.refundhub.ExternalTool;
import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundStatus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /openapi.json} (SPEC §8.3) and the routes cannot drift apart: the document describes exactly the
 * operations the REST DSL serves, with the role each names; and this class makes the hub give every answer the
 * document describes, each validated against the document (with every other hub test's answers, after its class).
 */
class OpenApiContractTest extends HubTestSupport {
    private static final String BODY = "{\"refundId\":\"%s\",\"orderId\":\"%s\",\"channel\":\"trusty\"}";

    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.http.clients.reader.key", "reader-key");
        settings.put("refundhub.http.clients.reader.roles", "read");
        settings.put("refundhub.http.clients.shop.key", "shop-key");
        settings.put("refundhub.http.clients.shop.roles", "submit");
        // a webhook nobody listens to: its deliveries fail after two tries, for the retry endpoint's answers
        try {
            settings.put("refundhub.webhooks.nobody.url", "http://127.0.0.1:" + freePort() + "/hook");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        settings.put("refundhub.webhooks.nobody.secret", "whsec-nobody-0a1b2c3d4e");
        settings.put("refundhub.webhooks.nobody.retry-backoff", "1s");
    }

    private JsonNode document() {
        HttpResponse<String> doc = get("/openapi.json", null);
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("application/json"));
        return json(doc);
    }

    @Test
    void theDocumentDescribesExactlyTheOperationsTheRoutesServeWithTheirRoles() {
        JsonNode doc = document();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        Set<String> described = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (!m.equals("parameters")) {
                described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        Set<String> served = new TreeSet<>();
        Endpoints.of(context).all().forEach(e -> served.add(e.method() + " " + e.path()));
        assertThat(described).as("operations in /openapi.json = operations the routes serve").isEqualTo(served);
        assertThat(served).contains("POST /refunds/{refundId}/resolution", "GET /openapi.json");
        for (Endpoints.Endpoint e : Endpoints.of(context).all()) {
            JsonNode op = doc.get("paths").get(e.path()).get(e.method().toLowerCase(Locale.ROOT));
            if (e.role() == null) {
                assertThat(op.get("security")).as(e + " needs no key").isEmpty();
                assertThat(op.get("x-roles")).isEmpty();
            } else {
                assertThat(op.get("security").get(0).has("bearer")).as(e.toString()).isTrue();
                assertThat(op.get("x-roles")).hasSize(1);
                assertThat(op.get("x-roles").get(0).asText()).isEqualTo(e.role().wireName());
                assertThat(op.get("description").asText()).contains("Role: `" + e.role().wireName() + "`");
            }
        }
    }

    @Test
    void everyDescribedAnswerIsGivenAndMatchesTheDocument() throws Exception {
        String big = "{\"refundId\":\"OA-BIG\",\"note\":\"" + "x".repeat(1_100_000) + "\"}";
        // POST /refunds
        call("POST", "/refunds", KEY, BODY.formatted("OA-1", "ORD-OA-1"));                      // 202
        call("POST", "/refunds", KEY, BODY.formatted("OA-1", "ORD-OA-1"));                      // 200
        call("POST", "/refunds", KEY, BODY.formatted("OA-1", "ORD-OA-OTHER"));                  // 409
        call("POST", "/refunds", KEY, "{\"refundId\":\"OA 2\"}");                               // 400
        call("POST", "/refunds", null, BODY.formatted("OA-3", "ORD-OA-3"));                     // 401
        call("POST", "/refunds", "reader-key", BODY.formatted("OA-3", "ORD-OA-3"));             // 403
        call("POST", "/refunds", KEY, big);                                                     // 413
        send(request("/refunds").header("Authorization", "Bearer " + KEY).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());                       // 415
        // GET /refunds, GET /refunds/{refundId}
        call("GET", "/refunds?limit=1", KEY, null);
        call("GET", "/refunds?limit=0", KEY, null);
        call("GET", "/refunds", null, null);
        call("GET", "/refunds", "shop-key", null);
        call("GET", "/refunds/OA-1", "shop-key", null);
        call("GET", "/refunds/OA-1", "reader-key", null);
        call("GET", "/refunds/OA-NONE", KEY, null);
        call("GET", "/refunds/OA-1", null, null);
        // POST /admin/backup
        call("POST", "/admin/backup", KEY, "");                                                  // 200
        call("POST", "/admin/backup", null, "");                                                 // 401
        call("POST", "/admin/backup", "reader-key", "");                                         // 403
        // POST /refunds/{refundId}/inquiry and /resolution
        call("POST", "/refunds", KEY, BODY.formatted("OA-R", "FORGEALL-OA-R"));
        awaitStatus("OA-R", RefundStatus.REVIEW, Duration.ofSeconds(30));
        call("POST", "/refunds/OA-R/inquiry", KEY, "");
        call("POST", "/refunds/OA-NONE/inquiry", KEY, "");
        call("POST", "/refunds/OA-R/inquiry", null, "");
        call("POST", "/refunds/OA-R/inquiry", "reader-key", "");
        String resolution = "{\"status\":\"FAILED\",\"note\":\"checked the portal\"}";
        call("POST", "/refunds/OA-R/resolution", KEY, "{\"status\":\"DONE\",\"note\":\"n\"}");  // 400
        call("POST", "/refunds/OA-R/resolution", null, resolution);                             // 401
        call("POST", "/refunds/OA-R/resolution", "reader-key", resolution);                     // 403
        call("POST", "/refunds/OA-R/resolution", KEY, big);                                     // 413
        send(request("/refunds/OA-R/resolution").header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build());   // 415
        call("POST", "/refunds/OA-R/resolution", KEY, resolution);                              // 200
        call("POST", "/refunds/OA-1/resolution", KEY, resolution);                              // 409
        call("POST", "/refunds/OA-NONE/resolution", KEY, resolution);                           // 404
        // batches
        Path tmp = dataDir.resolve("oa.part");
        Files.writeString(tmp, "refundId,orderId,channel\nOA-B-1,ORD-OA-B-1,trusty\n");
        Files.move(tmp, dataDir.resolve("inbox").resolve("oa.csv"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/batches/oa", KEY).statusCode() == 200);
        call("GET", "/batches", KEY, null);
        call("GET", "/batches?limit=0", KEY, null);
        call("GET", "/batches", null, null);
        call("GET", "/batches", "shop-key", null);
        call("GET", "/batches/oa", "shop-key", null);
        call("GET", "/batches/oa", null, null);
        call("GET", "/batches/none", KEY, null);
        send(request("/batches/oa").header("Authorization", "Bearer nobody").GET().build());
        // webhook deliveries: the list, and the retry of a FAILED one (then PENDING: 409), of none (404)
        call("GET", "/webhooks/deliveries?limit=1", KEY, null);
        call("GET", "/webhooks/deliveries?limit=0", KEY, null);
        call("GET", "/webhooks/deliveries", null, null);
        call("GET", "/webhooks/deliveries", "reader-key", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> json(get("/webhooks/deliveries?status=FAILED", KEY))
                .get("count").asInt() > 0);
        String failed = json(get("/webhooks/deliveries?status=FAILED&limit=1", KEY)).at("/deliveries/0/id").asText();
        call("POST", "/webhooks/deliveries/" + failed + "/retry", null, "");                  // 401
        call("POST", "/webhooks/deliveries/" + failed + "/retry", "reader-key", "");          // 403
        call("POST", "/webhooks/deliveries/" + failed + "/retry", KEY, "");                   // 202
        call("POST", "/webhooks/deliveries/" + failed + "/retry", KEY, "");                   // 409
        call("POST", "/webhooks/deliveries/0/retry", KEY, "");                                // 404
        // the summary and the calling client
        call("GET", "/summary", KEY, null);
        call("GET", "/summary", null, null);
        call("GET", "/summary", "shop-key", null);
        call("GET", "/me", "reader-key", null);
        call("GET", "/me", null, null);
        call("GET", "/me", "shop-key", null);
        // health and the probes (503 while a route is stopped: not ready, still live), metrics, this document
        call("GET", "/health", null, null);
        call("GET", "/health/live", null, null);
        call("GET", "/health/ready", null, null);
        context.getRouteController().stopRoute("batch-progress");
        try {
            call("GET", "/health", null, null);
            call("GET", "/health/ready", null, null);
        } finally {
            context.getRouteController().startRoute("batch-progress");
        }
        call("GET", "/metrics", null, null);
        document();
        // a request that cannot be read (a malformed escape): answered before any operation runs, the public ones too
        for (String path : Endpoints.PUBLIC) {
            sendRaw("GET", path + "?x=%zz");
        }

        Set<String> given = new TreeSet<>();
        for (ApiTraffic.Interaction i : traffic.recorded()) {
            given.add(i.method() + " " + operationPath(i.path()) + " " + i.status());
        }
        Set<String> documented = new TreeSet<>();
        JsonNode doc = document();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (m.getKey().equals("parameters")) {
                return;
            }
            for (Iterator<String> codes = m.getValue().get("responses").fieldNames(); codes.hasNext(); ) {
                String code = codes.next();
                if (!code.equals("default")) {
                    documented.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey() + " " + code);
                }
            }
        }));
        assertThat(given).as("answers the document describes, each given here").containsAll(documented);
        assertThat(ApiTraffic.mismatches(doc.toString(), traffic.recorded())).isEmpty();
    }

    /**
     * The served document as the tools people point at it read it: {@code swagger-cli validate} and Redocly's
     * {@code lint} with its recommended rules, without an error or a warning. Both come from npm
     * ({@code tools/openapi-lint}, installed by {@code bash .ci/run}).
     */
    @Test
    void theServedDocumentPassesSwaggerCliAndRedoclysRecommendedRules() throws Exception {
        Path doc = dataDir.resolve("openapi.json");
        Files.writeString(doc, get("/openapi.json", null).body());
        ExternalTool.Result swagger = OpenApiTools.run("swagger-cli", "validate", doc.toString());
        assertThat(swagger.exitCode()).as(swagger.output()).isZero();
        ExternalTool.Result redocly = OpenApiTools.run("redocly", "lint", "--extends", "recommended", "--format",
                "stylish", doc.toString());
        assertThat(OpenApiTools.problems(redocly)).as(redocly.output()).isEmpty();
        assertThat(redocly.exitCode()).as(redocly.output()).isZero();
        assertThat(redocly.output()).contains("Your API description is valid");
    }

    /** The document's path of a request path. */
    private static String operationPath(String path) {
        return path.replaceAll("^/refunds/[^/]+", "/refunds/{refundId}").replaceAll("^/batches/[^/]+", "/batches/{name}")
                .replaceAll("^/webhooks/deliveries/[^/]+/", "/webhooks/deliveries/{id}/");
    }
}
