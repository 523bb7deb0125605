import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP-intake load client for bench/run (closed loop: a fixed number of requests in flight).
 *
 * <pre>java bench/HttpLoad.java BASE_URL API_KEY ROWS IN_FLIGHT PREFIX</pre>
 *
 * Posts ROWS refunds (refundId PREFIX + index, spread evenly over trusty / newpay USD / scanforpay JPY) to
 * BASE_URL/refunds, IN_FLIGHT at a time, each worker waiting for its answer before sending the next.
 * Handshake with the driver so that JVM start and source compilation stay outside the measurement:
 * prints {@code READY}, waits for a line on stdin, runs, prints {@code DONE} right after the last answer,
 * then one line {@code RESULT {json}} with the wall time, status counts and latency percentiles.
 */
public class HttpLoad {
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: HttpLoad BASE_URL API_KEY ROWS IN_FLIGHT PREFIX");
            System.exit(2);
        }
        String base = args[0];
        String key = args[1];
        int rows = Integer.parseInt(args[2]);
        int inFlight = Integer.parseInt(args[3]);
        String prefix = args[4];

        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        URI uri = URI.create(base + "/refunds");
        long[] latencyNanos = new long[rows];
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        Map<String, String> firstError = new ConcurrentHashMap<>();

        System.out.println("READY");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in)).readLine();

        long start = System.nanoTime();
        Thread[] workers = new Thread[inFlight];
        for (int w = 0; w < inFlight; w++) {
            workers[w] = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < rows) {
                    HttpRequest request = HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(120))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body(prefix, i)))
                            .build();
                    long t0 = System.nanoTime();
                    String outcome;
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        Matcher m = STATUS.matcher(r.body());
                        outcome = r.statusCode() + " " + (m.find() ? m.group(1) : "?");
                        if (r.statusCode() != 202) {
                            firstError.putIfAbsent(outcome, r.body().length() > 300 ? r.body().substring(0, 300) : r.body());
                        }
                    } catch (Exception e) {
                        outcome = "exception " + e.getClass().getSimpleName();
                        firstError.putIfAbsent(outcome, String.valueOf(e.getMessage()));
                    }
                    latencyNanos[i] = System.nanoTime() - t0;
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                }
            }, "load-" + w);
            workers[w].start();
        }
        for (Thread t : workers) {
            t.join();
        }
        long wall = System.nanoTime() - start;
        System.out.println("DONE");
        System.out.flush();

        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((k, v) -> counts.put(k, v.sum()));
        StringBuilder json = new StringBuilder("{");
        json.append("\"rows\":").append(rows);
        json.append(",\"inFlight\":").append(inFlight);
        json.append(",\"wallSeconds\":").append(wall / 1e9);
        json.append(",\"p50ms\":").append(pct(sorted, 50) / 1e6);
        json.append(",\"p90ms\":").append(pct(sorted, 90) / 1e6);
        json.append(",\"p99ms\":").append(pct(sorted, 99) / 1e6);
        json.append(",\"maxms\":").append(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        json.append(",\"outcomes\":{");
        String sep = "";
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
            sep = ",";
        }
        json.append("},\"errors\":{");
        sep = "";
        for (Map.Entry<String, String> e : firstError.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":\"").append(escape(e.getValue())).append('"');
            sep = ",";
        }
        json.append("}}");
        System.out.println("RESULT " + json);
    }

    /** The same three-channel spread as the file generator of bench/run. */
    static String body(String prefix, int i) {
        String id = prefix + i;
        switch (i % 3) {
            case 0:
                return "{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id + "\",\"channel\":\"trusty\"}";
            case 1:
                return "{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id
                        + "\",\"channel\":\"newpay\",\"amount\":1250,\"currency\":\"USD\"}";
            default:
                return "{\"refundId\":\"" + id + "\",\"orderId\":\"ORD-" + id
                        + "\",\"channel\":\"scanforpay\",\"amount\":300,\"currency\":\"JPY\"}";
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
