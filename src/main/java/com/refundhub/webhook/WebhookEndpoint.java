package com.refundhub.webhook;

import com.refundhub.config.Webhooks.Webhook;
import com.refundhub.core.RefundRecord;
import com.refundhub.ledger.WebhookDeliveries.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One endpoint at work: its configuration, its sender and its own bounded pool of {@link #WORKERS} threads. Its
 * deliveries are claimed only as fast as its workers free up, so an endpoint that hangs fills its own pool and
 * nothing else; the ledger holds the rest of its backlog.
 */
final class WebhookEndpoint {
    /** Deliveries to one endpoint in flight at once (of different refunds: one refund's go one after another). */
    static final int WORKERS = 4;
    /** Without a reason to look sooner, the ledger is asked this often (retries come due, other instances' changes). */
    static final Duration LOOK_EVERY = Duration.ofSeconds(1);

    final Webhook config;
    final Subscription subscription;
    final WebhookSender sender;
    final ThreadPoolExecutor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean due = new AtomicBoolean(true);
    private final AtomicLong lastLook = new AtomicLong();

    WebhookEndpoint(Webhook config, Clock clock) {
        this.config = config;
        this.subscription = new Subscription(config.name(), config.statuses(), config.channels());
        this.sender = new WebhookSender(config, clock);
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(WORKERS),
                r -> {
                    Thread t = new Thread(r, "webhook-" + config.name());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true);
    }

    String name() {
        return config.name();
    }

    /** Whether the endpoint wants the change: one of its statuses, of one of its channels. */
    boolean wants(RefundRecord r) {
        return subscription.matches(r);
    }

    /** Something may be due for it now: a matching change, a finished delivery, an operator's retry. */
    void lookSoon() {
        due.set(true);
    }

    /**
     * How many deliveries to claim now: its free workers, if it was told to look or has not looked for
     * {@link #LOOK_EVERY}; else 0.
     */
    int toClaim(long nowNanos) {
        int free = WORKERS - inFlight.get();
        if (free <= 0) {
            return 0;
        }
        if (!due.getAndSet(false) && nowNanos - lastLook.get() < LOOK_EVERY.toNanos()) {
            return 0;
        }
        lastLook.set(nowNanos);
        return free;
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
        lookSoon();   // the refund's next delivery may be due now
    }
}
