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
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.route.RouteProperties;
import com.refundhub.ledger.LedgerException;
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
    private static final int MAX_LIMIT = 1000;

    private final LedgerDatabase db;
    private final RefundQueries queries;
    private final HubMetrics metrics;
    private final Health health;

    public HttpApi(LedgerDatabase db, RefundQueries queries, HubMetrics metrics, Health health) {
        this.db = db;
        this.queries = queries;
        this.metrics = metrics;
        this.health = health;
    }

    /** Body → canonical request; the body must be one JSON object. */
    public void parseCreate(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (type == null || !type.toLowerCase().contains("json")) {
            throw new ApiProblem(415, "INVALID_REQUEST", "send the refund as JSON with Content-Type: application/json",
                    List.of(new FieldError("Content-Type", "must be application/json")));
        }
        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        String body = bytes == null ? null : Utf8.decode(bytes, "body");
        if (body == null || body.isBlank()) {
            throw new RefundRefusedException(ReasonCode.INVALID_REQUEST, "body", "is empty: send the refund as a JSON object");
        }
        JsonNode node = RequestParser.parseJson(body, "body");
        exchange.getMessage().setBody(RequestParser.fromJson(node));
        RouteProperties.INTAKE.set(exchange, "HTTP");
    }

    /** After accept (and the send, for a new refund): 202 with the record, 200 for an identical resubmission. */
    public void accepted(Exchange exchange) {
        boolean created = RouteProperties.CREATED.isTrue(exchange);
        if (created) {
            db.makeDurable();   // 202 means recorded, crash or not
        }
        respondRecord(exchange, RouteProperties.REFUND_ID.require(exchange), created ? 202 : 200);
    }

    public void getRefund(Exchange exchange) {
        String id = exchange.getMessage().getHeader("refundId", String.class);
        RefundRecord r = queries.find(id, true).orElseThrow(() -> notFound(id));
        Map<String, Object> view = withExchanges(r, queries.exchanges(id));
        queries.prunedAt(id).ifPresent(at -> PrunedDetails.mark(view, at));
        json(exchange, 200, view);
    }

    public void listRefunds(Exchange exchange) {
        Message in = exchange.getMessage();
        RefundStatus status = null;
        String s = in.getHeader("status", String.class);
        if (s != null && !s.isBlank()) {
            try {
                status = RefundStatus.valueOf(s.trim().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "INVALID_REQUEST", "unknown status",
                        List.of(new FieldError("status", "must be one of " + List.of(RefundStatus.values()))));
            }
        }
        int limit = 50;
        String l = in.getHeader("limit", String.class);
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new ApiProblem(400, "INVALID_REQUEST", "bad limit",
                        List.of(new FieldError("limit", "must be an integer from 1 to " + MAX_LIMIT)));
            }
        }
        String channel = in.getHeader("channel", String.class);
        List<RefundRecord> records = queries.list(status, channel == null || channel.isBlank() ? null : channel.trim(), limit);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", records.size());
        out.put("refunds", records.stream().map(RecordView::of).toList());
        json(exchange, 200, out);
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

    public void health(Exchange exchange) {
        Health.Report report = health.check();
        json(exchange, report.up() ? 200 : 503, report.asMap());
    }

    public void metrics(Exchange exchange) {
        Message out = exchange.getMessage();
        out.setBody(metrics.scrape());
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
    }

    /** onException: the failure as {@code application/problem+json}, without internals or secrets. */
    public void problem(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiProblem p = toProblem(e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title(p.status()));
        body.put("status", p.status());
        body.put("detail", p.getMessage());
        if (p.code() != null) {
            body.put("code", p.code());
        }
        if (!p.errors().isEmpty()) {
            body.put("errors", p.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(Json.write(body));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/problem+json");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, p.status());
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
            LOG.error("ledger unavailable: {}", e.getMessage(), e);
            return new ApiProblem(503, null, "the refund ledger is unavailable; retry later", null);
        }
        LOG.error("unexpected failure in the HTTP API", e);
        return new ApiProblem(500, null, "internal error; nothing was changed unless the record says so", null);
    }

    private static String title(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 404: return "Not Found";
            case 409: return "Conflict";
            case 413: return "Payload Too Large";
            case 415: return "Unsupported Media Type";
            case 503: return "Service Unavailable";
            default: return status >= 500 ? "Internal Server Error" : "Error";
        }
    }

    private void respondRecord(Exchange exchange, String id, int status) {
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
            e.put("at", x.at().toString());
            list.add(e);
        }
        m.put("exchanges", list);
        return m;
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, null, "no refund " + (id == null ? "" : id.replaceAll("[^A-Za-z0-9_-]", "?")), null);
    }

    private static void json(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setBody(Json.write(body));
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }
}
