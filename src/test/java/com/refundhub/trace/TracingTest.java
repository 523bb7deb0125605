package com.refundhub.trace;

import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundStatus;
import com.refundhub.webhook.WebhookReceiver;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A refund's trace (SPEC §12) with tracing on: the caller's {@code traceparent} on {@code POST /refunds} starts it; the
 * provider call, each inquiry (and its provider call) and each webhook delivery are spans of that same trace, with the
 * refund's id, channel and outcome; {@code traceparent} reaches the provider and the webhook receiver. A file's row
 * starts a trace of its own. Spans are read from an in-memory exporter added to the hub's tracer; a local OTLP/HTTP
 * receiver shows that the real exporter sends them.
 */
class TracingTest extends HubTestSupport {
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";
    static final String SECRET = "whsec-tracing-test";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final List<byte[]> otlpBodies = new CopyOnWriteArrayList<>();
    private final List<String> otlpTypes = new CopyOnWriteArrayList<>();
    private final List<String> providerTraceparents = new CopyOnWriteArrayList<>();
    private HttpServer local;
    private WebhookReceiver shop;

    @Override
    protected void configure(Map<String, String> settings) {
        try {
            local = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            local.setExecutor(Executors.newCachedThreadPool());
            local.createContext("/v1/traces", this::otlp);
            local.createContext("/trusty", this::toTheSandbox);
            local.start();
            shop = new WebhookReceiver(SECRET, Duration.ofMinutes(5), (event, attempt) -> 204);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String localUrl = "http://127.0.0.1:" + local.getAddress().getPort();
        settings.put("refundhub.tracing.otlp-endpoint", localUrl);
        // channel traced: trusty's account, through a proxy that notes the traceparent each request carries
        sandboxChannelLike(settings, "traced", "trusty", Map.of("inquiry-backoff", "1s"));
        settings.put("refundhub.channels.traced.base-url", localUrl + "/trusty");
        settings.put("refundhub.webhooks.shop.url", shop.url());
        settings.put("refundhub.webhooks.shop.secret", SECRET);
        settings.put("refundhub.webhooks.shop.channels", "traced");
        settings.put("refundhub.webhooks.shop.statuses", "SUCCEEDED");
    }

    private boolean collecting;

    @BeforeEach
    void collectSpans() {
        if (!collecting) {   // the hub runs for the whole class; its context is injected before each test
            context.getRegistry().findSingleByType(Tracing.class).addSpanProcessor(SimpleSpanProcessor.create(spans));
            collecting = true;
        }
    }

    @AfterAll
    void stopLocal() {
        local.stop(0);
        shop.close();
    }

    @Test
    void oneTraceFromTheCallersTraceparentThroughTheProviderCallEachInquiryAndTheWebhook() {
        String refundId = "TR-PEND-1";
        HttpResponse<String> answer = send(request("/refunds").header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refundId\":\"" + refundId + "\",\"orderId\":\"PEND-TR-1\","
                        + "\"channel\":\"traced\"}")).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        awaitStatus(refundId, RefundStatus.SUCCEEDED, Duration.ofSeconds(30));   // after two inquiries
        await().atMost(Duration.ofSeconds(15)).until(() -> !shop.of(refundId).isEmpty()
                && !named(ofRefund(refundId), "webhook delivery").isEmpty());

        List<SpanData> trace = ofRefund(refundId);
        assertThat(trace).extracting(SpanData::getTraceId).containsOnly(TRACE_ID);
        SpanData intake = one(trace, "refund http");
        assertThat(intake.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(intake.getParentSpanId()).as("a child of the caller's span").isEqualTo(CALLER_SPAN);
        assertThat(attr(intake, "refundhub.channel")).isEqualTo("traced");
        assertThat(attr(intake, "refundhub.outcome")).isEqualTo("PENDING");

        SpanData call = one(trace, "provider refund");
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getParentSpanId()).isEqualTo(intake.getSpanId());
        assertThat(attr(call, "refundhub.outcome")).isEqualTo("ANSWERED");

        List<SpanData> inquiries = named(trace, "refund inquiry");
        assertThat(inquiries).as("PEND- settles on the second inquiry").hasSizeGreaterThanOrEqualTo(2);
        assertThat(inquiries).allSatisfy(i -> assertThat(i.getParentSpanId()).as("the refund's trace, as the ledger kept it")
                .isEqualTo(intake.getSpanId()));
        assertThat(inquiries).extracting(i -> attr(i, "refundhub.outcome")).contains("PENDING", "SUCCEEDED");
        List<SpanData> inquiryCalls = named(trace, "provider inquiry");
        assertThat(inquiryCalls).hasSameSizeAs(inquiries).allSatisfy(c -> assertThat(inquiries)
                .extracting(SpanData::getSpanId).contains(c.getParentSpanId()));

        SpanData webhook = one(trace, "webhook delivery");
        assertThat(webhook.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(webhook.getParentSpanId()).isEqualTo(intake.getSpanId());
        assertThat(attr(webhook, "refundhub.channel")).isEqualTo("traced");
        assertThat(attr(webhook, "refundhub.outcome")).isEqualTo("DELIVERED");

        // traceparent went out: on each provider call and on the webhook, naming the span that made the request
        assertThat(providerTraceparents).containsAll(
                trace.stream().filter(s -> s.getName().startsWith("provider ")).map(TracingTest::traceparent).toList());
        assertThat(shop.of(refundId).get(0).traceparent()).isEqualTo(traceparent(webhook));
    }

    @Test
    void aJmsRequestsTraceparentPropertyStartsTheRefundsTrace() throws Exception {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        try (jakarta.jms.Connection c = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + jmsPort).createConnection()) {
            jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TextMessage m = s.createTextMessage(
                    "{\"refundId\":\"TR-JMS-1\",\"orderId\":\"ORD-TR-J1\",\"channel\":\"traced\"}");
            m.setStringProperty("traceparent", "00-" + traceId + "-b7ad6b7169203331-01");
            s.createProducer(s.createQueue("refunds.requests")).send(m);
        }
        awaitStatus("TR-JMS-1", RefundStatus.SUCCEEDED, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> named(ofRefund("TR-JMS-1"), "refund jms").size() == 1);
        SpanData intake = one(ofRefund("TR-JMS-1"), "refund jms");
        assertThat(intake.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(intake.getTraceId()).isEqualTo(traceId);
        assertThat(intake.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(one(ofRefund("TR-JMS-1"), "provider refund").getParentSpanId()).isEqualTo(intake.getSpanId());
    }

    @Test
    void aRefundFromAFileRowStartsATraceOfItsOwn() throws Exception {
        Files.createDirectories(dataDir.resolve("inbox"));
        Path part = dataDir.resolve("rows.part");
        Files.writeString(part, "refundId,orderId,channel\nTR-FILE-1,ORD-TR-F1,traced\nTR-FILE-2,ORD-TR-F2,traced\n");
        Files.move(part, dataDir.resolve("inbox/rows.csv"));
        awaitStatus("TR-FILE-1", RefundStatus.SUCCEEDED, Duration.ofSeconds(30));
        awaitStatus("TR-FILE-2", RefundStatus.SUCCEEDED, Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(5)).until(() -> named(ofRefund("TR-FILE-2"), "refund file").size() == 1
                && named(ofRefund("TR-FILE-1"), "refund file").size() == 1);
        SpanData first = one(ofRefund("TR-FILE-1"), "refund file");
        SpanData second = one(ofRefund("TR-FILE-2"), "refund file");
        assertThat(first.getParentSpanContext().isValid()).as("a root span").isFalse();
        assertThat(first.getTraceId()).isNotEqualTo(second.getTraceId());
        assertThat(one(ofRefund("TR-FILE-1"), "provider refund").getTraceId()).isEqualTo(first.getTraceId());
    }

    @Test
    void theOtlpExporterSendsTheSpansToTheCollector() {
        HttpResponse<String> answer = refund("TR-OTLP-1", "ORD-TR-OTLP-1", "traced", null);
        assertThat(answer.statusCode()).isEqualTo(202);
        // the batch exporter sends within its schedule delay (5 s by default)
        byte[] refundId = "TR-OTLP-1".getBytes(StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(20)).until(() -> otlpBodies.stream().anyMatch(b -> contains(b, refundId)));
        assertThat(otlpTypes).allSatisfy(t -> assertThat(t).isEqualTo("application/x-protobuf"));
        byte[] traceId = HexFormat.of().parseHex(one(ofRefund("TR-OTLP-1"), "refund http").getTraceId());
        assertThat(otlpBodies).anySatisfy(b -> assertThat(contains(b, traceId)).as("the trace id, as protobuf bytes").isTrue());
    }

    private List<SpanData> ofRefund(String refundId) {
        return spans.getFinishedSpanItems().stream()
                .filter(s -> refundId.equals(s.getAttributes().get(AttributeKey.stringKey("refundhub.refund_id")))).toList();
    }

    private static List<SpanData> named(List<SpanData> spans, String name) {
        return spans.stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static SpanData one(List<SpanData> spans, String name) {
        List<SpanData> found = named(spans, name);
        assertThat(found).as("spans named " + name + " in " + spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return found.get(0);
    }

    private static String attr(SpanData span, String key) {
        return span.getAttributes().get(AttributeKey.stringKey(key));
    }

    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The collector's OTLP/HTTP receiver: keeps what the exporter posts. */
    private void otlp(HttpExchange x) throws IOException {
        otlpBodies.add(x.getRequestBody().readAllBytes());
        otlpTypes.add(x.getRequestHeaders().getFirst("Content-Type"));
        x.sendResponseHeaders(200, -1);
        x.close();
    }

    /** Notes the request's traceparent and passes the request on to the sandbox's Trusty as it came. */
    private void toTheSandbox(HttpExchange x) throws IOException {
        providerTraceparents.add(String.valueOf(x.getRequestHeaders().getFirst("traceparent")));
        HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sandboxPort
                + x.getRequestURI())).POST(HttpRequest.BodyPublishers.ofByteArray(x.getRequestBody().readAllBytes()));
        x.getRequestHeaders().forEach((k, v) -> {
            if (!List.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding")
                    .contains(k.toLowerCase())) {
                v.forEach(value -> forward.header(k, value));
            }
        });
        try {
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(forward.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            x.getResponseHeaders().add("Content-Type", answer.headers().firstValue("Content-Type").orElse("application/json"));
            x.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            x.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        x.close();
    }
}
