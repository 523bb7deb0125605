package com.refundhub.it;

import com.refundhub.SampleChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two careful clients of a hub that may be killed at any moment: they send refunds PREFIX-0 .. PREFIX-(n-1) in turn
 * over HTTP and resubmit each, the same (idempotent), until the hub answers 200 or 202 — through every kill. A refund
 * so answered is acknowledged: the hub has promised it. Any other answer than those or a 5xx is kept for the test to
 * see ({@link #unexpected}).
 */
final class ResubmittingClients {
    /**
     * One answer a client got: its HTTP status (-1: none, the connection failed or the request timed out), how long it
     * took, the problem's code and whether it carried {@code Retry-After}.
     */
    record Answer(String refundId, int status, long millis, String code, boolean retryAfter, long at) {
    }

    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final String base;
    private final String prefix;
    private final List<SampleChannel> channels;
    private final int count;
    private final long pauseMillis;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private boolean started;

    ResubmittingClients(String base, String prefix, List<SampleChannel> channels, int count, long pauseMillis) {
        this.base = base;
        this.prefix = prefix;
        this.channels = channels;
        this.count = count;
        this.pauseMillis = pauseMillis;
    }

    /** Starts the two clients (once). */
    synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (int t = 0; t < 2; t++) {
            Thread thread = new Thread(this::run, prefix + "-client-" + t);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = next.getAndIncrement(); i < count && !stopping; i = next.getAndIncrement()) {
            String id = prefix + "-" + i;
            taken.add(id);
            String body = channels.get(i % channels.size()).json(id, "ORD-" + id);
            while (true) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/refunds"))
                            .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer it-key")
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    answers.add(new Answer(id, r.statusCode(), (System.nanoTime() - t0) / 1_000_000, code(r.body()),
                            r.headers().firstValue("Retry-After").isPresent(), System.nanoTime()));
                    if (r.statusCode() == 200 || r.statusCode() == 202) {
                        acknowledged.add(id);
                        break;
                    }
                    if (r.statusCode() < 500) {
                        unexpected.add(id + ": " + r.statusCode() + " " + r.body());
                        break;
                    }
                } catch (java.io.IOException e) {
                    // the hub is down or was killed mid-request: the same refund again once it is back
                    answers.add(new Answer(id, -1, (System.nanoTime() - t0) / 1_000_000, e.getClass().getSimpleName(),
                            false, System.nanoTime()));
                } catch (InterruptedException e) {
                    return;
                }
                pause(300);
            }
            pause(pauseMillis);
        }
    }

    /** No new refund after the ones being sent now (each of those is still sent until answered). */
    void stop() {
        stopping = true;
    }

    /** The refunds a client took to send (all of them are sent until answered, through a {@link #stop}). */
    Set<String> taken() {
        return Set.copyOf(taken);
    }

    /** The refunds the clients send, whether answered yet or not. */
    Set<String> ids() {
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    /** Refunds a client has started to send (whether or not they were answered). */
    Set<String> sent() {
        Set<String> ids = new TreeSet<>();
        for (int i = 0; i < Math.min(next.get() + 2, count); i++) {
            ids.add(prefix + "-" + i);
        }
        return ids;
    }

    Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    boolean allAcknowledged() {
        return acknowledged.size() == count;
    }

    /** Every answer the clients got, in the order they got them. */
    List<Answer> answers() {
        return List.copyOf(answers);
    }

    private static String code(String body) {
        int at = body.indexOf("\"code\":\"");
        return at < 0 ? null : body.substring(at + 8, body.indexOf('"', at + 8));
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
