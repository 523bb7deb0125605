package com.refundhub.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A system that receives the hub's webhooks, on loopback, as docs/webhooks.md tells one to write it: it checks every
 * request's {@code RefundHub-Signature} with its own HMAC (not the hub's signing code) over the exact bytes received,
 * refuses one whose {@code t} is outside its window (a replay), and answers what its {@link Answers} say — or never.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** What to answer a verified request: an HTTP status, or {@link #NEVER}. */
    @FunctionalInterface
    public interface Answers {
        int answer(JsonNode event, int attemptOfThisEvent);
    }

    public static final int NEVER = -1;

    /** One request as it came, whether its signature and time were good, and what it was answered (0: nothing yet). */
    public record Request(String eventId, String signature, byte[] body, JsonNode event, String refusal, int answered,
                   Instant at, String traceparent) {
        public String refundId() {
            return event.path("refund").path("refundId").asText();
        }

        public String refundStatus() {
            return event.path("refund").path("status").asText();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String secret;
    private final Duration window;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Answers answers;
    private volatile Supplier<Instant> clock = Instant::now;

    public WebhookReceiver(String secret, Duration window, Answers answers) throws IOException {
        this.secret = secret;
        this.window = window;
        this.answers = answers;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/hook", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void answer(Answers newAnswers) {
        this.answers = newAnswers;
    }

    /** The receiver's clock, to see a genuine request refused once it is too old. */
    public void clock(Supplier<Instant> now) {
        this.clock = now;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests of one refund, in the order they came. */
    public List<Request> of(String refundId) {
        return requests.stream().filter(r -> r.event() != null && refundId.equals(r.refundId())).toList();
    }

    /** Requests answered 2xx. */
    public Stream<Request> accepted() {
        return requests.stream().filter(r -> r.answered() / 100 == 2);
    }

    /** Requests this receiver refused: a bad signature or a time outside its window. */
    public List<Request> refused() {
        return requests.stream().filter(r -> r.refusal() != null).toList();
    }

    /** Sends a request again, as an attacker who captured it would: same headers, same bytes. Returns the status. */
    public int replay(Request r) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url())).header("RefundHub-Event-Id", r.eventId())
                        .header("RefundHub-Signature", r.signature()).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(r.body())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] body = x.getRequestBody().readAllBytes();
        String eventId = x.getRequestHeaders().getFirst("RefundHub-Event-Id");
        String signature = x.getRequestHeaders().getFirst("RefundHub-Signature");
        String refusal = check(signature, body, clock.get());
        JsonNode event = null;
        if (refusal == null) {
            event = Json.MAPPER.readTree(body);
            if (!event.path("id").asText().equals(eventId)) {
                refusal = "the event id header is not the body's id";
            }
        }
        int status;
        if (refusal != null) {
            status = 400;
        } else {
            JsonNode e = event;
            status = answers.answer(event, (int) requests.stream().filter(r -> r.event() != null
                    && r.eventId().equals(e.path("id").asText())).count() + 1);
        }
        Request r = new Request(eventId, signature, body, event, refusal, status == NEVER ? 0 : status, Instant.now(),
                x.getRequestHeaders().getFirst("traceparent"));
        requests.add(r);
        if (status == NEVER) {
            awaitRelease();
            x.close();
            return;
        }
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    /**
     * The receiver's side of docs/webhooks.md: {@code t=UNIX_SECONDS,v1=HEX}; v1 must be HMAC-SHA256(secret,
     * t + "." + body) over the bytes received, and t within the window of now. Null when good, else why not.
     */
    private String check(String header, byte[] body, Instant now) {
        if (header == null) {
            return "no signature";
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.split("=", 2);
            if (kv.length == 2 && kv[0].trim().equals("t")) {
                t = kv[1].trim();
            } else if (kv.length == 2 && kv[0].trim().equals("v1")) {
                v1 = kv[1].trim();
            }
        }
        if (t == null || v1 == null || !t.matches("\\d{1,12}")) {
            return "a malformed signature header";
        }
        byte[] signed = (t + ".").getBytes(StandardCharsets.UTF_8);
        byte[] message = new byte[signed.length + body.length];
        System.arraycopy(signed, 0, message, 0, signed.length);
        System.arraycopy(body, 0, message, signed.length, body.length);
        String expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), v1.getBytes(StandardCharsets.US_ASCII))) {
            return "a signature that does not verify";
        }
        if (Math.abs(now.getEpochSecond() - Long.parseLong(t)) > window.toSeconds()) {
            return "a time outside the window (a replay)";
        }
        return null;
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The requests held without an answer are let go (their connection closed without one). */
    public void releaseHeld() {
        release.countDown();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
