package com.refundhub.webhook;

import com.refundhub.config.Webhooks.Webhook;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.route.LogContext;
import com.refundhub.trace.RefundTraces;
import com.refundhub.ledger.LedgerUnavailableException;
import com.refundhub.ledger.WebhookDeliveries;
import com.refundhub.ledger.WebhookDeliveries.Attempt;
import com.refundhub.ledger.WebhookDeliveries.Due;
import com.refundhub.ledger.WebhookDeliveries.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route {@code webhook-dispatch}'s step (routes/webhooks.camel.yaml): hands each endpoint's due deliveries to its own
 * workers, as many as it has free, and records how each attempt went — delivered on a 2xx, else retried after the
 * next step of the endpoint's {@code retry-backoff}, FAILED after the last (logged once at WARN). Nothing on a
 * refund's path waits for it: a status change only writes its deliveries and, once committed, tells the endpoints
 * that want it to look ({@link #statusChanged}).
 */
public class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** How long a claimed delivery is this instance's beyond the endpoint's timeout, before another may take it. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

    /** How an attempt ended: the {@code result} of {@code refundhub_webhook_deliveries_total}. */
    public enum Result {
        DELIVERED, RETRIED, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Counts attempts by endpoint and result (metrics). */
    @FunctionalInterface
    public interface Counter {
        void count(String webhook, Result result);
    }

    private final WebhookDeliveries deliveries;
    private final List<WebhookEndpoint> endpoints;
    private final Counter counter;
    private final Clock clock;
    private final RefundTraces traces;

    public WebhookDispatcher(WebhookDeliveries deliveries, List<Webhook> webhooks, Counter counter,
                             Clock clock) {
        this(deliveries, webhooks, counter, clock, RefundTraces.off());
    }

    /** With {@code traces}: each delivery is a span of its refund's trace, and carries {@code traceparent}. */
    public WebhookDispatcher(WebhookDeliveries deliveries, List<Webhook> webhooks, Counter counter,
                             Clock clock, RefundTraces traces) {
        this.traces = traces;
        this.deliveries = deliveries;
        this.endpoints = webhooks.stream().map(w -> new WebhookEndpoint(w, clock)).toList();
        this.counter = counter;
        this.clock = clock;
    }

    /** What each endpoint wants, for the ledger to write their deliveries. */
    public List<Subscription> subscriptions() {
        return endpoints.stream().map(e -> e.subscription).toList();
    }

    /** A committed change (or new refund): the endpoints that want it look for their deliveries at once. */
    public void statusChanged(RefundRecord record, RefundStatus from) {
        endpoints.stream().filter(e -> e.wants(record)).forEach(WebhookEndpoint::lookSoon);
    }

    /** An operator queued a delivery of {@code webhook} again: it looks at once. */
    public void queued(String webhook) {
        endpoints.stream().filter(e -> e.name().equals(webhook)).forEach(WebhookEndpoint::lookSoon);
    }

    public boolean isConfigured(String webhook) {
        return endpoints.stream().anyMatch(e -> e.name().equals(webhook));
    }

    /** Claims what each endpoint that should look has room for, and starts sending it; returns how many it started. */
    public int dispatch() {
        long now = System.nanoTime();
        int started = 0;
        for (WebhookEndpoint e : endpoints) {
            int room = e.toClaim(now);
            if (room == 0) {
                continue;
            }
            List<Due> claimed;
            try {
                claimed = deliveries.claim(e.name(), room, e.config.timeout().plus(LEASE_MARGIN));
            } catch (LedgerUnavailableException x) {
                continue;   // they wait in the ledger and are looked for again within a second (the ledger's line said why)
            } catch (RuntimeException x) {
                LOG.warn("webhook {}: could not claim deliveries: {}", e.name(), x.toString());
                continue;
            }
            claimed.forEach(d -> submit(e, d));
            if (claimed.size() == room) {
                e.lookSoon();   // more may be waiting
            }
            started += claimed.size();
        }
        return started;
    }

    private void submit(WebhookEndpoint e, Due d) {
        e.started();
        try {
            e.workers.execute(() -> {
                try {
                    deliver(e, d);
                } finally {
                    e.finished();
                }
            });
        } catch (RejectedExecutionException stopping) {
            e.finished();
            deliveries.release(d);
        }
    }

    private void deliver(WebhookEndpoint e, Due d) {
        LogContext.refund(d.refundId(), null);
        try {
            deliverLogged(e, d);
        } finally {
            LogContext.clear();
        }
    }

    private void deliverLogged(WebhookEndpoint e, Due d) {
        RefundTraces.Delivery span = traces.delivery(e.name(), d.refundId(), d.payload());
        Attempt a = e.sender.send(d, span::headers);
        String outcome = "NOT_SENT";
        try {
            if (a == null) {
                deliveries.release(d);   // the hub is stopping: nothing known, sent again later (at least once)
                return;
            }
            List<Duration> backoff = e.config.retryBackoff();
            if (a.httpStatus() != null && a.httpStatus() / 100 == 2) {
                outcome = "DELIVERED";
                deliveries.delivered(d, a);
                counter.count(e.name(), Result.DELIVERED);
            } else if (d.tries() < backoff.size()) {
                outcome = "RETRIED";
                deliveries.retryAt(d, a, now().plus(backoff.get(d.tries())));
                counter.count(e.name(), Result.RETRIED);
            } else {
                outcome = "FAILED";
                counter.count(e.name(), Result.FAILED);
                if (deliveries.failed(d, a)) {
                    LOG.warn("webhook {}: delivery {} (event {}, refund {} {}) FAILED after {} attempts, the last {}; "
                                    + "POST /webhooks/deliveries/{}/retry sends it again", e.name(), d.id(), d.eventId(),
                            d.refundId(), d.refundStatus(), d.tries() + 1, outcome(a), d.id());
                }
            }
        } catch (RuntimeException x) {
            // the lease runs out and the delivery is sent again: at least once (the ledger's outage is said once, by it)
            if (!(x instanceof LedgerUnavailableException)) {
                LOG.warn("webhook {}: could not record an attempt of delivery {}: {}", e.name(), d.id(), x.toString());
            }
        } finally {
            span.ended(a == null ? null : a.httpStatus(), outcome, a == null ? "the hub is stopping" : a.error());
        }
    }

    private static String outcome(Attempt a) {
        return a.httpStatus() != null ? "answered HTTP " + a.httpStatus() : a.error();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * The hub stops: workers are interrupted; a delivery cut off is given back (sent again by whichever instance
     * claims it next: at least once).
     */
    public void stop() {
        endpoints.forEach(e -> e.workers.shutdownNow());
        for (WebhookEndpoint e : endpoints) {
            try {
                e.workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public List<String> names() {
        return endpoints.stream().map(WebhookEndpoint::name).toList();
    }
}
