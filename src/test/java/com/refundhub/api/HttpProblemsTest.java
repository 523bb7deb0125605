package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the HTTP server answers by itself is a problem too (SPEC §8.7): unknown paths, wrong methods, bodies over
 * the limit, wrong content types, requests it cannot read. (Every error of every hub test is also held to the rule
 * after its class: {@link HubTestSupport#everyErrorWasAProblem}.)
 */
class HttpProblemsTest extends HubTestSupport {

    private HttpResponse<String> typed(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = request(path).header("Authorization", "Bearer " + KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    private static JsonNode problem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = com.refundhub.core.Json.MAPPER.valueToTree(parse(r.body()));
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("code").asText()).isEqualTo(code);
        return p;
    }

    private static Object parse(String body) {
        try {
            return com.refundhub.core.Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    @Test
    void whileTheHubStartsEveryRequestIsAskedToComeBackAndAfterwardsNone() {
        StartingAnswer starting = context.getRegistry().lookupByNameAndType("startingAnswer", StartingAnswer.class);
        starting.starting();   // as between the server's first listening and the last route's start
        try {
            HttpResponse<String> r = typed("POST", "/refunds", "application/json",
                    "{\"refundId\":\"ST-1\",\"orderId\":\"ORD-ST-1\",\"channel\":\"trusty\"}");
            problem(r, 503, "STARTING");
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            problem(typed("GET", "/nope", null, null), 503, "STARTING");
            problem(typed("GET", "/health/ready", null, null), 503, "STARTING");
            HttpResponse<String> live = typed("GET", "/health/live", null, null);
            assertThat(live.statusCode()).as("starting is living").isEqualTo(200);
            assertThat(live.body()).contains("\"UP\"");
        } finally {
            starting.onCamelContextFullyStarted(context, false);
        }
        assertThat(typed("POST", "/refunds", "application/json",
                "{\"refundId\":\"ST-1\",\"orderId\":\"ORD-ST-1\",\"channel\":\"trusty\"}").statusCode()).isEqualTo(202);
        problem(typed("GET", "/nope", null, null), 404, "NOT_FOUND");
    }

    @Test
    void anUnknownPathIsNotFound() {
        problem(typed("GET", "/nope", null, null), 404, "NOT_FOUND");
        problem(typed("POST", "/refunds/R-1/cancel", "application/json", "{}"), 404, "NOT_FOUND");
        problem(typed("GET", "/", null, null), 404, "NOT_FOUND");
    }

    @Test
    void aMethodItsPathDoesNotTakeIsNotAllowedAndTheAllowedOnesAreNamed() {
        HttpResponse<String> delete = typed("DELETE", "/refunds", null, null);
        problem(delete, 405, "METHOD_NOT_ALLOWED");
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> put = typed("PUT", "/refunds/R-1", "application/json", "{}");
        problem(put, 405, "METHOD_NOT_ALLOWED");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET");
        assertThat(typed("GET", "/refunds/R-1/resolution", null, null).headers().firstValue("Allow")).hasValue("POST");
        problem(typed("PATCH", "/health", "application/json", "{}"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aBodyOverTheLimitIsTooLargeOnEveryPath() {
        String big = "{\"note\":\"" + "x".repeat(1_100_000) + "\"}";
        problem(typed("POST", "/refunds", "application/json", big), 413, "PAYLOAD_TOO_LARGE");
        problem(typed("POST", "/refunds/R-1/resolution", "application/json", big), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyNotSentAsJsonIsAnUnsupportedMediaType() {
        JsonNode p = problem(typed("POST", "/refunds", "text/plain", "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("Content-Type");
        problem(typed("POST", "/refunds", null, "{}"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aQueryTheServerCannotDecodeIsABadRequest() throws Exception {
        com.refundhub.ApiTraffic.Interaction bad = sendRaw("GET", "/refunds?status=%ZZ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).isEqualTo("application/problem+json");
        assertThat(com.refundhub.core.Json.MAPPER.readTree(bad.body()).get("code").asText()).isEqualTo("INVALID_REQUEST");
    }
}
