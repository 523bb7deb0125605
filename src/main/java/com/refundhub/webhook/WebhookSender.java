package com.refundhub.webhook;

import com.refundhub.config.Types;
import com.refundhub.config.Webhooks.Webhook;
import com.refundhub.ledger.WebhookDeliveries.Attempt;
import com.refundhub.ledger.WebhookDeliveries.Due;
import com.refundhub.core.Digests;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One endpoint's HTTP client: POSTs a delivery's body as it was stored, signed, and says how the attempt went. The
 * JDK's client, one per endpoint: its own connections and threads, so an endpoint that hangs holds nothing another
 * endpoint or a provider call needs; it never follows a redirect and never sends a request again by itself.
 */
final class WebhookSender {
    static final String EVENT_ID = "RefundHub-Event-Id";
    static final String SIGNATURE = "RefundHub-Signature";

    private final Webhook webhook;
    private final URI uri;
    private final HttpClient client;
    private final Clock clock;

    WebhookSender(Webhook webhook, Clock clock) {
        this.webhook = webhook;
        this.uri = URI.create(webhook.url());
        this.clock = clock;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(webhook.timeout()).build();
    }

    /** {@code t=UNIX_SECONDS,v1=HEX(HMAC-SHA256(secret, t + "." + body))}, as docs/webhooks.md tells receivers. */
    static String signature(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + Digests.hmacSha256Hex(secret, unixSeconds + "." + body);
    }

    /**
     * Sends once and waits at most the endpoint's timeout for the whole answer. Interrupted (the hub stopping): null,
     * nothing known of the attempt. {@code extraHeaders} are given a way to add headers (the delivery's traceparent).
     */
    Attempt send(Due d, Consumer<BiConsumer<String, String>> extraHeaders) {
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(webhook.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "RefundHub-Webhooks")
                .header(EVENT_ID, d.eventId())
                .header(SIGNATURE, signature(webhook.secret(), at.toEpochSecond(), d.payload()));
        extraHeaders.accept(builder::header);   // traceparent, when traced
        HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofString(d.payload(), StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            int status = answer.get(webhook.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return new Attempt(at, status, null, millisSince(start));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Attempt(at, null, noAnswer(), millisSince(start));
        } catch (ExecutionException e) {
            return new Attempt(at, null, describe(e.getCause()), millisSince(start));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String noAnswer() {
        return "no answer within " + Types.print(webhook.timeout());
    }

    /** Why no answer came, in words that name no URL (it may carry credentials) and no secret. */
    private String describe(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return "could not connect within " + Types.print(webhook.timeout());
        }
        if (cause instanceof HttpTimeoutException) {
            return noAnswer();
        }
        if (cause instanceof ConnectException) {
            return "could not connect (" + (cause.getMessage() == null ? "refused" : cause.getMessage()) + ")";
        }
        if (cause instanceof IOException) {
            return "connection failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        }
        return "not sent: " + cause.getClass().getSimpleName();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    String name() {
        return webhook.name();
    }
}
