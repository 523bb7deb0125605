package com.refundhub.api;

import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The hub's Prometheus metrics: refunds entering each status by channel, provider call latency, and the
 * pending backlog (count and age of the oldest), read from the ledger when scraped. Beside them, the JVM's and the
 * process's metrics (memory, GC, threads, CPU, open files...) from the Prometheus client's own JVM instrumentation, which
 * names them as Prometheus does everywhere ({@code jvm_memory_used_bytes}, {@code process_open_fds}); Micrometer's
 * binders would name some differently ({@code process_files_open_files}).
 */
public class HubMetrics implements ProviderCalls.CallTimer {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RefundQueries queries;
    private volatile RefundQueries.PendingStats pending = new RefundQueries.PendingStats(0, null);

    public HubMetrics(LedgerDatabase db, Refunds refunds, RefundQueries queries) {
        this.queries = queries;
        JvmMetrics.builder().register(registry.getPrometheusRegistry());
        refunds.addListener(this::statusChanged);
        Gauge.builder("refundhub_pending_refunds", () -> pending.count())
                .description("refunds in PENDING, waiting for an inquiry to settle them").register(registry);
        Gauge.builder("refundhub_oldest_pending_age_seconds", () -> {
            OffsetDateTime oldest = pending.oldestCreatedAt();
            return oldest == null ? 0 : Duration.between(oldest, db.now()).toSeconds();
        }).description("age of the oldest PENDING refund").register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("refundhub_ledger_commits", db, LedgerDatabase::commits)
                .description("commits of the embedded ledger's one writer, each one sync to disk (0 on PostgreSQL)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("refundhub_ledger_writes", db, LedgerDatabase::writes)
                .description("pieces of work the embedded ledger's writer committed; writes per commit is the grouping")
                .register(registry);
    }

    private void statusChanged(RefundRecord record, RefundStatus from) {
        Counter.builder("refundhub_refunds_total").description("refunds entering a status, by channel")
                .tag("channel", record.channel()).tag("status", record.status().name())
                .register(registry).increment();
    }

    @Override
    public void record(String channel, Operation operation, String result, long nanos) {
        Timer.builder("refundhub_provider_call").description("provider call latency")
                .tag("channel", channel).tag("operation", operation.tableName()).tag("result", result)
                .publishPercentiles(0.5, 0.99)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A provider contradicted a final status (e.g. "failed" for a refund it had confirmed). */
    public void contradiction(String channel) {
        Counter.builder("refundhub_provider_contradictions_total")
                .description("provider answers contradicting a refund's final status").tag("channel", channel)
                .register(registry).increment();
    }

    /** Adds a gauge read at scrape time (other parts of the hub: batches, broker queues). */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    public io.micrometer.core.instrument.MeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        pending = queries.pendingStats();
        return registry.scrape();
    }
}
