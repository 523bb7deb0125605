package com.refundhub.api;

import com.refundhub.HubTestSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /refunds waits for the provider's first answer on an HTTP worker thread: with the default
 * {@code refundhub.http.workers} more HTTP refunds reach a provider at once than Vert.x's own default of 20
 * threads would let through, up to the channel's max-concurrency.
 */
class HttpConcurrencyTest extends HubTestSupport {
    private static final int REQUESTS = 40;

    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.sandbox.latency", "500ms");
        settings.put("refundhub.channels.trusty.max-concurrency", String.valueOf(REQUESTS));
    }

    @Test
    void asManyHttpRefundsAreAtTheProviderAsTheChannelAllows() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String n = String.valueOf(i);
                answers.add(clients.submit(() -> refund("H-WORKERS-" + n, "ORD-WORKERS-" + n, "trusty", null)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                assertThat(json(r).get("status").asText()).isEqualTo("SUCCEEDED");
            }
        } finally {
            clients.shutdownNow();
        }
        // 40 calls of 500 ms each, sent at once: with 20 HTTP threads no more than 20 would overlap
        assertThat(book("trusty").peakInFlight()).isGreaterThan(30);
    }
}
