package load;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP intake load (closed loop): {@code in-flight} workers, each posting its next refund when the previous answer is
 * back. With several hub URLs (a cluster), refund i goes to URL i mod n and, when that instance does not answer
 * (connection refused or reset: killed), to the next one, as a load balancer would; the hub answers a refund it
 * already recorded with 200 and the same record, so a retry is safe.
 */
final class HttpLoad {
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private final List<URI> uris;
    private final String key;
    private final int inFlight;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    HttpLoad(List<String> baseUrls, String key, int inFlight) {
        this.uris = baseUrls.stream().map(u -> URI.create(u + "/refunds")).toList();
        this.key = key;
        this.inFlight = inFlight;
    }

    /** Runs; true when the hub took every refund (200 or 202). */
    boolean run(Refunds refunds, int rows, Load.Options o) throws Exception {
        Latencies latencies = new Latencies(rows);
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Map<String, String> firstError = new ConcurrentHashMap<>();
        o.ready();
        long start = System.nanoTime();
        Thread[] workers = new Thread[inFlight];
        for (int w = 0; w < inFlight; w++) {
            workers[w] = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < rows) {
                    long t0 = System.nanoTime();
                    String outcome = post(i, refunds.get(i).json(), firstError);
                    latencies.set(i, System.nanoTime() - t0);
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                }
            }, "load-" + w);
            workers[w].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", rows);
        result.put("inFlight", inFlight);
        result.put("wallSeconds", wall / 1e9);
        result.putAll(latencies.percentiles());
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        result.put("outcomes", counts);
        result.put("errors", new TreeMap<>(firstError));
        o.done(new ObjectMapper().writeValueAsString(result));
        return counts.keySet().stream().allMatch(k -> k.startsWith("200 ") || k.startsWith("202 "));
    }

    /** "202 SUCCEEDED", "200 PENDING", "400 ?" or "exception NAME": what refund i got. */
    private String post(int i, String body, Map<String, String> firstError) {
        int tries = uris.size() == 1 ? 1 : 3 * uris.size();
        Exception last = null;
        for (int t = 0; t < tries; t++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uris.get((i + t) % uris.size()))
                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            try {
                HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = STATUS.matcher(r.body());
                String outcome = r.statusCode() + " " + (m.find() ? m.group(1) : "?");
                if (r.statusCode() >= 300) {
                    firstError.putIfAbsent(outcome, r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
                }
                return outcome;
            } catch (IOException e) {   // the instance did not answer: the next one, after a moment
                last = e;
                sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "exception interrupted";
            }
        }
        String outcome = "exception " + last.getClass().getSimpleName();
        firstError.putIfAbsent(outcome, String.valueOf(last.getMessage()));
        return outcome;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
