package load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-refund latencies of a run and their nearest-rank percentiles, in milliseconds. */
final class Latencies {
    private final long[] nanos;

    Latencies(int rows) {
        nanos = new long[rows];
    }

    void set(int i, long took) {
        nanos[i] = took;
    }

    Map<String, Object> percentiles() {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("p50ms", pct(sorted, 50) / 1e6);
        m.put("p90ms", pct(sorted, 90) / 1e6);
        m.put("p99ms", pct(sorted, 99) / 1e6);
        m.put("maxms", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        return m;
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
