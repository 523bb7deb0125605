package load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * How late status changes reach topic {@code refunds.events}: subscribed beside the measured part of any mode, it
 * takes each event's lag as the time it arrives here minus the change's {@code updatedAt} (the hub and this client
 * share the machine's clock), until told to stop (a line on stdin). Then it prints the lag's p50, p99 and maximum,
 * the events seen, and how long after the stop the last one came.
 */
final class EventLag {
    private final String url;

    EventLag(String url) {
        this.url = url;
    }

    void run(int rows, Load.Options o) throws Exception {
        long[] lags = new long[6 * rows];   // a refund makes three or four changes
        AtomicLong events = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        ObjectMapper json = new ObjectMapper();
        try (ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory(url); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createTopic("refunds.events"));
            consumer.setMessageListener((Message m) -> {
                try {
                    long now = System.currentTimeMillis();
                    JsonNode record = json.readTree(((TextMessage) m).getText());
                    long changed = OffsetDateTime.parse(record.get("updatedAt").asText()).toInstant().toEpochMilli();
                    int i = (int) events.getAndIncrement();
                    if (i < lags.length) {
                        lags[i] = now - changed;
                    }
                    lastArrival.set(System.nanoTime());
                } catch (Exception e) {
                    System.err.println("event not read: " + e);
                }
            });
            c.start();
            o.ready();   // waits for "go", then for "stop"
            System.in.read();
            long stopped = System.nanoTime();
            Thread.sleep(2000);   // what still comes within 2 s of the end counts: the backlog's tail
            Map<String, Object> result = new LinkedHashMap<>();
            long[] sorted = java.util.Arrays.copyOf(lags, (int) Math.min(events.get(), lags.length));
            java.util.Arrays.sort(sorted);
            result.put("events", events.get());
            result.put("p50Ms", percentile(sorted, 50));
            result.put("p99Ms", percentile(sorted, 99));
            result.put("maxMs", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
            result.put("lastAfterStopMs", Math.max(0, (lastArrival.get() - stopped) / 1e6));
            o.done(json.writeValueAsString(result));
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
