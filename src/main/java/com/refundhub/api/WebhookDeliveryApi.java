package com.refundhub.api;

import com.refundhub.core.RecordView;
import com.refundhub.ledger.WebhookDeliveries;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.camel.Exchange;

/**
 * The operators' view of webhooks (SPEC §8.6, role operate): {@code GET /webhooks/deliveries} pages the deliveries,
 * newest first, with their attempts, filtered by {@code status} and {@code webhook}; {@code POST
 * /webhooks/deliveries/{id}/retry} queues a FAILED one to be sent again at once (202), 409 for any other, 404 for none.
 */
public class WebhookDeliveryApi {
    private static final Set<String> FILTERS = new LinkedHashSet<>(List.of("status", "webhook"));
    private static final String CURSOR = "delivery|";

    private final WebhookDeliveries deliveries;
    private final Predicate<String> configured;
    private final Consumer<String> queued;

    /**
     * @param configured whether an endpoint of that name is configured (a delivery of one removed since cannot go)
     * @param queued     told of a delivery queued again, by endpoint
     */
    public WebhookDeliveryApi(WebhookDeliveries deliveries, Predicate<String> configured,
                              Consumer<String> queued) {
        this.deliveries = deliveries;
        this.configured = configured;
        this.queued = queued;
    }

    public void list(Exchange exchange) {
        ListParams p = ListParams.of(exchange, FILTERS);
        WebhookDeliveries.Filter filter = new WebhookDeliveries.Filter(p.oneOf("status", WebhookDeliveries.Status.class),
                p.text("webhook", 64));
        WebhookDeliveries.Page page = deliveries.page(filter, p.limit(), p.cursor(WebhookDeliveryApi::parseCursor));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", page.deliveries().size());
        out.put("deliveries", page.deliveries().stream().map(WebhookDeliveryApi::view).toList());
        out.put("next", page.next() == null ? null : Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR + page.next()).getBytes(StandardCharsets.UTF_8)));
        HttpApi.json(exchange, 200, out);
    }

    private static Long parseCursor(String token) {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!text.matches("delivery\\|\\d{1,18}")) {
            throw new IllegalArgumentException("not a delivery cursor");
        }
        return Long.parseLong(text.substring(CURSOR.length()));
    }

    public void retry(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        WebhookDeliveries.Delivery d = delivery(id).orElseThrow(() -> notFound(id));
        if (d.status() == WebhookDeliveries.Status.FAILED && !configured.test(d.webhook())) {
            throw new ApiProblem(409, "WEBHOOK_NOT_CONFIGURED", "delivery " + d.id() + " is for webhook " + d.webhook()
                    + ", which is no longer configured: it cannot be sent", null);
        }
        switch (deliveries.retry(d.id())) {
            case QUEUED:
                queued.accept(d.webhook());
                HttpApi.json(exchange, 202, view(deliveries.find(d.id()).orElseThrow()));
                return;
            case NOT_FAILED:
                throw new ApiProblem(409, "NOT_FAILED", "delivery " + d.id() + " is "
                        + deliveries.find(d.id()).map(x -> x.status().name()).orElse("gone")
                        + ": only a FAILED delivery is sent again", null);
            default:
                throw notFound(id);
        }
    }

    private Optional<WebhookDeliveries.Delivery> delivery(String id) {
        if (id == null || !id.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return deliveries.find(Long.parseLong(id));
    }

    private static ApiProblem notFound(String id) {
        return new ApiProblem(404, null, "no webhook delivery " + String.valueOf(id).replaceAll("[^\\w-]", "?"), null);
    }

    static Map<String, Object> view(WebhookDeliveries.Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("eventId", d.eventId());
        m.put("webhook", d.webhook());
        m.put("refundId", d.refundId());
        m.put("refundStatus", d.refundStatus().name());
        m.put("status", d.status().name());
        m.put("createdAt", RecordView.time(d.createdAt()));
        m.put("updatedAt", RecordView.time(d.updatedAt()));
        m.put("nextAttemptAt", RecordView.time(d.nextAttemptAt()));
        m.put("attempts", d.attempts().stream().map(a -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("at", RecordView.time(a.at()));
            v.put("httpStatus", a.httpStatus());
            v.put("error", a.error());
            v.put("latencyMs", a.latencyMs());
            return v;
        }).toList());
        return m;
    }
}
