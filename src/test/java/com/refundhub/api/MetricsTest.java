package com.refundhub.api;

import com.refundhub.HubTestSupport;
import com.refundhub.Promtool;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} as Prometheus reads it (SPEC §12): the hub's own {@code refundhub_*} series beside the JVM's and
 * the process's under Prometheus' standard names, and the whole page clean for Prometheus' own linter.
 */
class MetricsTest extends HubTestSupport {

    @Test
    void theJvmAndTheProcessAreMeasuredUnderPrometheusStandardNames() {
        refund("MET-JVM-1", "ORD-MET-JVM-1", "trusty", null);
        String metrics = get("/metrics", null).body();
        assertThat(metrics.lines().map(MetricsTest::name).distinct().toList()).contains(
                "jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_memory_pool_used_bytes",
                "jvm_gc_collection_seconds_count", "jvm_gc_collection_seconds_sum",
                "jvm_threads_current", "jvm_threads_daemon", "jvm_threads_peak", "jvm_threads_state",
                "process_cpu_seconds_total", "process_open_fds", "process_max_fds", "process_resident_memory_bytes",
                "process_start_time_seconds",
                "refundhub_refunds_total", "refundhub_provider_call_seconds_count");
        assertThat(value(metrics, "jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
        assertThat(value(metrics, "process_open_fds")).isGreaterThan(10);
        assertThat(value(metrics, "jvm_threads_current")).isGreaterThan(10);
    }

    @Test
    void promtoolFindsNothingToSayAboutTheMetricsPage() {
        refund("MET-LINT-1", "ORD-MET-LINT-1", "trusty", null);
        HttpResponse<String> page = get("/metrics", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        com.refundhub.ExternalTool.Result lint = Promtool.checkMetrics(page.body());
        assertThat(lint.output()).as("promtool check metrics").isEmpty();
        assertThat(lint.exitCode()).isZero();
    }

    private static String name(String line) {
        return line.startsWith("#") ? "" : line.split("[{ ]", 2)[0];
    }

    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0]))
                .orElseThrow(() -> new AssertionError(series + " is not on the page"));
    }
}
