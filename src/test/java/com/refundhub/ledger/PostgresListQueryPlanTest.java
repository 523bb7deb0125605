package com.refundhub.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The list query's plans on PostgreSQL (EXPLAIN (ANALYZE, FORMAT JSON)): the scan's index, whether a Sort node
 * ordered the rows, and the rows the scan read (those returned plus those its filter removed).
 */
class PostgresListQueryPlanTest extends ListQueryPlanContract {
    @Override
    protected DataSource dataSource() {
        return PostgresServer.freshDatabase(4);
    }

    @Override
    protected Engine engine() {
        return Engine.POSTGRESQL;
    }

    @Override
    protected void bulkInsert(Connection c) throws SQLException {
        c.createStatement().executeUpdate("INSERT INTO refunds (refund_id, order_id, amount, currency, request_hash, "
                + "intake, status, channel, created_at, updated_at) SELECT 'B' || x, 'O' || (x / 2), 100, 'USD', 'h', "
                + "'FILE', " + spread("x") + ", TIMESTAMPTZ '2026-01-01 00:00:00+00' + (x / 2) * INTERVAL '1 second', "
                + "TIMESTAMPTZ '2026-01-01 00:00:00+00' FROM generate_series(1, " + REFUNDS + ") AS x");
        c.createStatement().execute("ANALYZE refunds");
    }

    @Override
    protected Plan explain(Connection c, RefundList.Sql sql) throws SQLException {
        String text = String.join("\n", rows(c, "EXPLAIN (ANALYZE, FORMAT JSON) " + sql.text(), sql.params()));
        JsonNode plan;
        try {
            plan = Json.MAPPER.readTree(text).get(0).get("Plan");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> nodes = new ArrayList<>();
        collect(plan, nodes);
        JsonNode scan = nodes.stream().filter(n -> n.path("Node Type").asText().contains("Scan")).findFirst().orElseThrow();
        long touched = scan.path("Actual Rows").asLong() + scan.path("Rows Removed by Filter").asLong()
                + scan.path("Rows Removed by Index Recheck").asLong();
        boolean sorted = nodes.stream().anyMatch(n -> n.path("Node Type").asText().contains("Sort"));
        return new Plan(scan.path("Index Name").asText("(" + scan.path("Node Type").asText() + ")"), sorted, touched, text);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        out.add(node);
        node.path("Plans").forEach(child -> collect(child, out));
    }
}
