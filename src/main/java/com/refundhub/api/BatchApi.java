package com.refundhub.api;

import com.refundhub.core.RecordView;
import com.refundhub.intake.BatchIntake;
import com.refundhub.ledger.BatchStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/** {@code GET /batches} and {@code GET /batches/{name}}: each file's progress and its lines by status. */
public class BatchApi {
    private final BatchStore batches;
    private final BatchIntake intake;

    public BatchApi(BatchStore batches, BatchIntake intake) {
        this.batches = batches;
        this.intake = intake;
    }

    /** A page of batches, newest first; {@code next} as for refunds (keyset on the batch id). */
    public void list(Exchange exchange) {
        ListParams p = ListParams.of(exchange, Set.of());
        int limit = p.limit();
        List<BatchStore.Batch> rows = batches.list(limit + 1, p.cursor(BatchApi::parseCursor));
        List<BatchStore.Batch> page = rows.subList(0, Math.min(limit, rows.size()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", page.size());
        out.put("batches", page.stream().map(this::view).toList());
        out.put("next", rows.size() > limit ? cursor(page.get(limit - 1).batchId()) : null);
        HttpApi.json(exchange, 200, out);
    }

    private static String cursor(long batchId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("batch|" + batchId).getBytes(StandardCharsets.UTF_8));
    }

    private static Long parseCursor(String token) {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!text.matches("batch\\|\\d{1,18}")) {
            throw new IllegalArgumentException("not a batch cursor");
        }
        return Long.parseLong(text.substring(6));
    }

    public void get(Exchange exchange) {
        String name = exchange.getMessage().getHeader("name", String.class);
        BatchStore.Batch b = batches.findByName(name).orElseThrow(() ->
                new ApiProblem(404, null, "no batch file named " + name.replaceAll("[^\\w.-]", "?"), null));
        HttpApi.json(exchange, 200, view(b));
    }

    /**
     * The rows of the file: while it is read here, as counted when it was opened (its non-blank lines, so a CSV
     * field across lines counts more until it is recorded); once recorded, the rows read; else not known.
     */
    private static Long rowsTotal(BatchStore.Batch b, BatchIntake.Counts live) {
        if (live != null) {
            return live.total() < 0 ? null : Math.max(live.total(), live.read());
        }
        return b.recordedAt() == null ? null : b.rowsRead();
    }

    private Map<String, Object> view(BatchStore.Batch b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("batchId", b.batchId());
        m.put("status", b.status());
        BatchIntake.Counts live = intake.progress(b.batchId());
        m.put("rowsRead", live == null ? b.rowsRead() : live.read());
        m.put("rowsAccepted", live == null ? b.rowsAccepted() : live.accepted());
        m.put("rowsRejected", live == null ? b.rowsRejected() : live.rejected());
        m.put("rowsTotal", rowsTotal(b, live));
        m.put("counts", batches.countsByStatus(b.batchId()));
        if (b.error() != null) {
            m.put("error", b.error());
        }
        m.put("createdAt", RecordView.time(b.createdAt()));
        m.put("recordedAt", RecordView.time(b.recordedAt()));
        m.put("finalAt", RecordView.time(b.finalAt()));
        return m;
    }
}
