package com.refundhub.app;

import com.refundhub.api.HubMetrics;
import com.refundhub.api.WebhookDeliveryApi;
import com.refundhub.config.HubSettings;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.Refunds;
import com.refundhub.ledger.WebhookDeliveries;
import com.refundhub.webhook.WebhookDispatcher;
import io.micrometer.core.instrument.Counter;
import java.time.Clock;
import java.util.stream.Collectors;
import com.refundhub.trace.RefundTraces;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks (route {@code webhook-dispatch}, {@code GET /webhooks/deliveries}, {@code POST .../retry}): the deliveries'
 * ledger, written with every matching status change from here on, the dispatcher and its endpoints, their metrics.
 */
public class WebhookConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookConfiguration.class);
    private WebhookDeliveries deliveries;
    private WebhookDispatcher dispatcher;

    @BindToRegistry("webhookDeliveries")
    public WebhookDeliveries webhookDeliveries(HubSettings settings, LedgerDatabase ledger, Refunds refunds,
                                               HubMetrics metrics, CamelContext context) throws Exception {
        made(settings, ledger, refunds, metrics, context);
        return deliveries;
    }

    @BindToRegistry("webhookDispatcher")
    public WebhookDispatcher webhookDispatcher(HubSettings settings, LedgerDatabase ledger, Refunds refunds,
                                               HubMetrics metrics, CamelContext context) throws Exception {
        made(settings, ledger, refunds, metrics, context);
        return dispatcher;
    }

    @BindToRegistry("webhookDeliveryApi")
    public WebhookDeliveryApi webhookDeliveryApi(HubSettings settings, LedgerDatabase ledger, Refunds refunds,
                                                 HubMetrics metrics, CamelContext context) throws Exception {
        made(settings, ledger, refunds, metrics, context);
        return new WebhookDeliveryApi(deliveries, dispatcher::isConfigured, dispatcher::queued);
    }

    /**
     * Made once, by whichever bean of this area is made first: the ledger's deliveries (claims left by a previous run
     * freed on an embedded database), the dispatcher, and — when endpoints are configured — the deliveries written
     * with every matching change from here on, the endpoints told of each, and their metrics.
     */
    private synchronized void made(HubSettings settings, LedgerDatabase ledger, Refunds refunds, HubMetrics metrics,
                                   CamelContext context) throws Exception {
        if (dispatcher != null) {
            return;
        }
        deliveries = new WebhookDeliveries(ledger);
        if (ledger.engine().embedded()) {
            int freed = deliveries.releaseAll();   // an embedded database has no other instance: old claims are ours
            if (freed > 0) {
                LOG.info("freed {} webhook deliveries left in flight by the previous run", freed);
            }
        }
        dispatcher = new WebhookDispatcher(deliveries, settings.webhooks(),
                (webhook, result) -> counter(metrics, webhook, result.label()).increment(), Clock.systemUTC(),
                context.getRegistry().findSingleByType(RefundTraces.class));
        context.addService(new OnStop("webhook senders", dispatcher::stop));
        if (settings.webhooks().isEmpty()) {
            return;
        }
        deliveries.subscribe(dispatcher.subscriptions());
        refunds.deliverWebhooks(deliveries);
        refunds.addListener(dispatcher::statusChanged);
        WebhookDeliveries backlog = deliveries;
        for (String name : dispatcher.names()) {
            for (WebhookDispatcher.Result r : WebhookDispatcher.Result.values()) {
                counter(metrics, name, r.label());   // every series from the start, at 0
            }
            metrics.gauge("refundhub_webhook_backlog", "webhook deliveries not made yet (to send, or waiting for a retry)",
                    () -> backlog.backlog(name), "webhook", name);
        }
        LOG.info("webhooks: {}", settings.webhooks().stream().map(Object::toString).collect(Collectors.joining(", ")));
    }

    private static Counter counter(HubMetrics metrics, String webhook, String result) {
        return Counter.builder("refundhub_webhook_deliveries_total")
                .description("webhook delivery attempts by endpoint and result: delivered (2xx), retried (failed, "
                        + "tried again later), failed (the last try failed)")
                .tag("webhook", webhook).tag("result", result).register(metrics.registry());
    }
}
