package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.FieldError;
import com.refundhub.core.Json;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RecordView;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestParser;
import com.refundhub.core.Utf8;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.route.RouteProperties;
import com.refundhub.ledger.LedgerException;
import com.refundhub.ledger.LedgerUnavailableException;
import com.refundhub.ledger.ProviderExchange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API's steps (routes in {@code intake-http.camel.yaml}): parse, answer, and turn failures into problems. */
public class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** The code of a 503 while the ledger cannot be used (SPEC §13). */
    public static final String LEDGER_UNAVAILABLE = "LEDGER_UNAVAILABLE";
    /**
     * What a 503 of the ledger asks the client to wait before it sends the same request again: the hub looks for the
     * ledger's return every second and carries on within a few of it.
     */
    static final int RETRY_AFTER_SECONDS = 5;

    private final RefundQueries queries;
    private final HubMetrics metrics;
    private final Health health;

    public HttpApi(RefundQueries queries, HubMetrics metrics, Health health) {
        this.queries = queries;
        this.metrics = metrics;
        this.health = health;
    }

    /** Body → canonical request; the body must be one JSON object. */
    public void parseCreate(Exchange exchange) {
        exchange.getMessage().setBody(RequestParser.fromJson(jsonBody(exchange, "the refund")));
        RouteProperties.INTAKE.set(exchange, "HTTP");
    }

    /** The request's JSON body: 415 unless sent as JSON, 400 (field body) when empty or not JSON. */
    static JsonNode jsonBody(Exchange exchange, String what) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type == null || !type.toLowerCase().contains("json")) {
            throw new ApiProblem(415, null, "send " + what + " as JSON with Content-Type: application/json",
                    List.of(new FieldError("Content-Type", "must be application/json")));
        }
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        String body = bytes == null ? null : Utf8.decode(bytes, "body");
        if (body == null || body.isBlank()) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, "body", "is empty: send " + what
                    + " as a JSON object");
        }
        return RequestParser.parseJson(body, "body");
    }

    /** After accept (and the send, for a new refund): 202 with the record, 200 for an identical resubmission. */
    public void accepted(Exchange exchange) {
        boolean created = RouteProperties.CREATED.isTrue(exchange);   // committed, so durable: 202 means recorded
        respondRecord(exchange, RouteProperties.REFUND_ID.require(exchange), created ? 202 : 200);
    }

    public void getRefund(Exchange exchange) {
        String id = exchange.getMessage().getHeader("refundId", String.class);
        RefundRecord r = queries.find(id, true).orElseThrow(() -> notFound(id));
        Map<String, Object> view = withExchanges(r, queries.exchanges(id));
        queries.prunedAt(id).ifPresent(at -> PrunedDetails.mark(view, at));
        json(exchange, 200, view);
    }

    /** Before a forced inquiry: the refund must exist. */
    public void prepareInquiry(Exchange exchange) {
        String id = exchange.getMessage().getHeader("refundId", String.class);
        RefundRecord r = queries.find(id, false).orElseThrow(() -> notFound(id));
        RouteProperties.REFUND_ID.set(exchange, r.refundId());
    }

    public void inquired(Exchange exchange) {
        respondRecord(exchange, RouteProperties.REFUND_ID.require(exchange), 200);
    }

    /** 200 with every part UP; 503 is an error like any (SPEC §8.7): a problem, which carries the checks too. */
    public void health(Exchange exchange) {
        Health.Report report = health.check();
        if (report.up()) {
            json(exchange, 200, report.asMap());
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("checks", report.parts());
        extra.putAll(report.details());   // each channel's state, as on an UP answer
        new ApiProblem(503, null, "DOWN: " + String.join("; ", report.down()), null).answer(exchange, extra);
    }

    public void metrics(Exchange exchange) {
        Message out = exchange.getMessage();
        out.setBody(metrics.scrape());
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    /** onException: the failure as {@code application/problem+json}, without internals or secrets. */
    public void problem(Exchange exchange) {
        toProblem(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)).answer(exchange, Map.of());
    }

    static ApiProblem toProblem(Throwable e) {
        if (e instanceof ApiProblem p) {
            return p;
        }
        if (e instanceof RefundRefusedException r) {
            int status = r.code() == ReasonCode.DUPLICATE_REFUND ? 409 : 400;
            String detail = r.errors().size() == 1 ? r.errors().get(0).field() + " " + r.errors().get(0).message()
                    : r.errors().size() + " fields are invalid: " + r.getMessage();
            return new ApiProblem(status, r.code().name(), detail, r.errors());
        }
        if (e instanceof LedgerException) {
            if (!(e instanceof LedgerUnavailableException)) {   // an outage is logged once, when the ledger goes
                LOG.error("ledger failure: {}", e.getMessage(), e);
            }
            return ApiProblem.unavailable(LEDGER_UNAVAILABLE, "the refund ledger is unavailable; nothing was recorded "
                    + "unless the refund says so: send the same request again later", RETRY_AFTER_SECONDS);
        }
        LOG.error("unexpected failure in the HTTP API", e);
        return new ApiProblem(500, null, "internal error; nothing was changed unless the record says so", null);
    }

    void respondRecord(Exchange exchange, String id, int status) {
        RefundRecord r = queries.find(id, true).orElseThrow(() -> notFound(id));
        json(exchange, status, RecordView.of(r));
    }

    static Map<String, Object> withExchanges(RefundRecord r, List<ProviderExchange> exchanges) {
        Map<String, Object> m = RecordView.of(r);
        List<Map<String, Object>> list = new ArrayList<>();
        for (ProviderExchange x : exchanges) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("operation", x.operation());
            e.put("url", x.url());
            e.put("request", x.requestBody());
            e.put("httpStatus", x.httpStatus());
            e.put("response", x.responseBody());
            e.put("error", x.error());
            e.put("latencyMs", x.latencyMs());
            e.put("at", RecordView.time(x.at()));
            list.add(e);
        }
        m.put("exchanges", list);
        return m;
    }

    static ApiProblem notFound(String id) {
        return new ApiProblem(404, null, "no refund " + (id == null ? "" : id.replaceAll("[^A-Za-z0-9_-]", "?")), null);
    }

    /** Answers {@code status} with {@code body} as JSON. */
    static void json(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setBody(Json.write(body));
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }
}
