package com.refundhub.ledger;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The list query's plans on SQLite (EXPLAIN QUERY PLAN). SQLite names the index a step reads, says when it sorts
 * ("USE TEMP B-TREE FOR ORDER BY"), and whether the step seeks with key constraints (SEARCH ... (status=? AND
 * created_at<?)) or walks the index from one end (SCAN); it does not count rows. A page touches about one page of
 * rows when its step seeks on every column the filters and the cursor constrain, or walks the whole-list index in
 * order, and stops after the LIMIT: that is what "touched" stands for here (1 row when it holds, else unbounded).
 */
class SqliteListQueryPlanTest extends ListQueryPlanContract {
    private static final Pattern STEP = Pattern.compile("(SEARCH|SCAN) refunds USING (?:COVERING )?INDEX (\\w+)(?: \\(([^)]*)\\))?");

    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:sqlite:" + Files.createTempDirectory("plan").resolve("ledger.db"), "sa", "", 4);
    }

    @Override
    protected Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    protected void bulkInsert(Connection c) throws SQLException {
        long start = Jdbc.micros(java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
        c.createStatement().executeUpdate("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < "
                + REFUNDS + ") INSERT INTO refunds (refund_id, order_id, amount, currency, request_hash, intake, status, "
                + "channel, created_at, updated_at) SELECT 'B' || x, 'O' || (x / 2), 100, 'USD', 'h', 'FILE', "
                + spread("x").replaceAll("MOD\\((\\w+), (\\d+)\\)", "($1 % $2)") + ", " + start + " + (x / 2) * 1000000, "
                + start + " FROM n");
        c.createStatement().execute("ANALYZE");
    }

    @Override
    protected Plan explain(Connection c, RefundList.Sql sql) throws SQLException {
        String text = String.join("\n", rows(c, "EXPLAIN QUERY PLAN " + sql.text(), sql.params(), 4));
        Matcher step = STEP.matcher(text);
        if (!step.find()) {
            return new Plan("(none)", true, Long.MAX_VALUE, text);
        }
        boolean sorted = text.contains("TEMP B-TREE");
        String keys = step.group(3) == null ? "" : step.group(3);
        boolean bounded = keys.contains("order_id=?")   // an order has few refunds
                || filtersSoughtOn(sql.text(), keys) && (step.group(1).equals("SEARCH") || !sql.text().contains(" AND "));
        return new Plan(step.group(2), sorted, bounded ? 1 : Long.MAX_VALUE, text);
    }

    /** The step seeks on every column the query holds equal, and on created_at when the query bounds it. */
    private static boolean filtersSoughtOn(String sql, String keys) {
        for (String column : new String[] {"status", "channel"}) {
            if (sql.contains("AND " + column + " = ?") && !keys.contains(column + "=?")) {
                return false;
            }
        }
        return !sql.contains("created_at <") || keys.contains("created_at<");
    }
}
