package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.Json;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's probes (SPEC §12): {@code /health/live} and {@code /health/ready} over real HTTP without a key, a check
 * that goes DOWN making the hub not ready but still live; and the states a real Camel context goes through: not ready
 * while it starts, ready once started, not ready but live while it drains. (ProbesIT sends SIGTERM to the real jar.)
 */
class ProbesTest extends HubTestSupport {
    private final AtomicReference<String> brokenCheck = new AtomicReference<>();

    @Test
    void liveAndReadyNeedNoKeyAndACheckThatIsDownMakesTheHubNotReadyButStillLive() throws Exception {
        HttpResponse<String> live = get("/health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).get("status").asText()).isEqualTo("UP");
        HttpResponse<String> ready = get("/health/ready", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(json(ready).get("state").asText()).isEqualTo("READY");
        assertThat(json(ready).get("checks").fieldNames()).toIterable().contains("database", "routes", "broker");

        context.getRegistry().findSingleByType(Health.class).add("probe-test", brokenCheck::get);
        brokenCheck.set("ledger unreachable (made so by the test)");
        try {
            HttpResponse<String> notReady = get("/health/ready", null);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = json(notReady);
            assertThat(problem.get("code").asText()).isEqualTo("UNAVAILABLE");
            assertThat(problem.get("detail").asText()).contains("probe-test: ledger unreachable");
            assertThat(problem.get("state").asText()).isEqualTo("READY");
            assertThat(problem.get("checks").get("probe-test").get("status").asText()).isEqualTo("DOWN");
            assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        } finally {
            brokenCheck.set(null);
        }
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
    }

    @Test
    void notReadyWhileStartingReadyOnceStartedNotReadyButLiveWhileDraining() throws Exception {
        CountDownLatch starting = new CountDownLatch(1);
        CountDownLatch finishStart = new CountDownLatch(1);
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch finishWork = new CountDownLatch(1);
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(30);
        camel.addService(new ServiceSupport() {
            @Override
            protected void doStart() throws Exception {   // a part of the hub that takes its time to start
                starting.countDown();
                finishStart.await(30, TimeUnit.SECONDS);
            }
        });
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("seda:work").process(e -> {
                    inFlight.countDown();
                    finishWork.await(30, TimeUnit.SECONDS);
                });
            }
        });
        Health health = new Health();
        health.add("database", () -> null);
        Probes probes = new Probes(camel, health);
        try {
            CompletableFuture<Void> start = CompletableFuture.runAsync(camel::start);
            assertThat(starting.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(ready(probes, camel)).isEqualTo("503 STARTING starting");
            assertThat(live(probes, camel)).isEqualTo(200);
            finishStart.countDown();
            start.get(30, TimeUnit.SECONDS);
            assertThat(ready(probes, camel)).isEqualTo("200 READY");

            camel.createProducerTemplate().sendBody("seda:work", "a refund in flight");
            assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stop = CompletableFuture.runAsync(camel::stop);   // what SIGTERM does
            await().atMost(java.time.Duration.ofSeconds(10)).until(() -> probes.state() == Probes.State.DRAINING);
            assertThat(ready(probes, camel)).startsWith("503 DRAINING draining");
            assertThat(live(probes, camel)).isEqualTo(200);
            finishWork.countDown();
            stop.get(30, TimeUnit.SECONDS);
        } finally {
            finishStart.countDown();
            finishWork.countDown();
            camel.close();
        }
    }

    private static String ready(Probes probes, DefaultCamelContext camel) throws Exception {
        Exchange e = new DefaultExchange(camel);
        probes.ready(e);
        JsonNode body = Json.MAPPER.readTree(e.getMessage().getBody(String.class));
        int status = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status + " " + body.get("state").asText() + (status == 200 ? "" : " " + body.get("detail").asText());
    }

    private static int live(Probes probes, DefaultCamelContext camel) {
        Exchange e = new DefaultExchange(camel);
        probes.live(e);
        return e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    }
}
