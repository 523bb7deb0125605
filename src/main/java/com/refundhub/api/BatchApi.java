package com.refundhub.api;

import com.refundhub.core.Json;
import com.refundhub.intake.BatchIntake;
import com.refundhub.ledger.BatchStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/** {@code GET /batches} and {@code GET /batches/{name}}: each file's progress and its lines by status. */
public class BatchApi {
    private final BatchStore batches;
    private final BatchIntake intake;

    public BatchApi(BatchStore batches, BatchIntake intake) {
        this.batches = batches;
        this.intake = intake;
    }

    public void list(Exchange exchange) {
        List<Map<String, Object>> views = batches.list(100).stream().map(this::view).toList();
        respond(exchange, 200, Map.of("count", views.size(), "batches", views));
    }

    public void get(Exchange exchange) {
        String name = exchange.getMessage().getHeader("name", String.class);
        BatchStore.Batch b = batches.findByName(name).orElseThrow(() ->
                new ApiProblem(404, null, "no batch file named " + name.replaceAll("[^\\w.-]", "?"), null));
        respond(exchange, 200, view(b));
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
        m.put("counts", batches.countsByStatus(b.batchId()));
        if (b.error() != null) {
            m.put("error", b.error());
        }
        m.put("createdAt", String.valueOf(b.createdAt()));
        m.put("recordedAt", b.recordedAt() == null ? null : b.recordedAt().toString());
        m.put("finalAt", b.finalAt() == null ? null : b.finalAt().toString());
        return m;
    }

    private static void respond(Exchange exchange, int status, Object body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(Json.write(body));
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    }
}
