package com.refundhub.api;

import com.refundhub.core.RecordView;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * {@code GET /summary} (role read): the ledger at a glance, for the operator console's overview. Refunds by status and
 * channel, and for each status that is not final (the refunds still waiting: to be sent, on their provider, for a
 * person) how many and the oldest of them with its age, by the ledger's clock. Counting reads a whole index (about
 * half a second for a million refunds on the embedded H2 here), so an answer made less than {@link #REUSE} ago is
 * given again: any number of open consoles cost the ledger at most one count per {@code REUSE}.
 */
public class SummaryApi {
    static final Duration REUSE = Duration.ofSeconds(1);

    private final LedgerDatabase db;
    private final RefundQueries queries;
    private Map<String, Object> last;
    private long lastAt;

    public SummaryApi(LedgerDatabase db, RefundQueries queries) {
        this.db = db;
        this.queries = queries;
    }

    public void summary(Exchange exchange) {
        HttpApi.json(exchange, 200, current());
    }

    private synchronized Map<String, Object> current() {
        long now = System.nanoTime();
        if (last == null || now - lastAt >= REUSE.toNanos()) {
            last = count();
            lastAt = now;
        }
        return last;
    }

    private Map<String, Object> count() {
        OffsetDateTime now = db.now();
        List<RefundQueries.StatusCount> counts = queries.countsByStatusAndChannel();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RefundQueries.StatusCount c : counts) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("status", c.status().name());
            row.put("channel", c.channel());
            row.put("count", c.count());
            rows.add(row);
        }
        List<Map<String, Object>> waiting = new ArrayList<>();
        for (RefundStatus status : RefundStatus.values()) {
            if (!status.isFinal()) {
                waiting.add(waiting(status, counts, now));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", RecordView.time(now));
        out.put("counts", rows);
        out.put("open", waiting);
        return out;
    }

    private Map<String, Object> waiting(RefundStatus status, List<RefundQueries.StatusCount> counts, OffsetDateTime now) {
        long count = counts.stream().filter(c -> c.status() == status).mapToLong(RefundQueries.StatusCount::count).sum();
        Optional<RefundQueries.Oldest> oldest = count == 0 ? Optional.empty() : queries.oldest(status);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status.name());
        m.put("count", count);
        m.put("oldestRefundId", oldest.map(RefundQueries.Oldest::refundId).orElse(null));
        m.put("oldestCreatedAt", oldest.map(o -> RecordView.time(o.createdAt())).orElse(null));
        m.put("oldestAgeSeconds", oldest.map(o -> Math.max(0, Duration.between(o.createdAt(), now).toSeconds()))
                .orElse(null));
        return m;
    }
}
