package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The list query's plans on H2 (EXPLAIN ANALYZE: the index in its comment, {@code scanCount} the rows read). */
class H2ListQueryPlanTest extends ListQueryPlanContract {
    private static final Pattern INDEX = Pattern.compile("/\\* PUBLIC\\.([A-Z_]+)");
    private static final Pattern SCANNED = Pattern.compile("scanCount: (\\d+)");

    @Override
    protected DataSource dataSource() throws Exception {
        return Database.open("jdbc:h2:mem:plan-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "", 4);
    }

    @Override
    protected boolean isH2() {
        return true;
    }

    @Override
    protected void bulkInsert(Connection c) throws SQLException {
        c.createStatement().executeUpdate("INSERT INTO refunds (refund_id, order_id, amount, currency, request_hash, "
                + "intake, status, channel, created_at, updated_at) SELECT 'B' || X, 'O' || (X / 2), 100, 'USD', 'h', "
                + "'FILE', " + spread("X") + ", DATEADD(SECOND, X / 2, TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'), "
                + "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00' FROM SYSTEM_RANGE(1, " + REFUNDS + ")");
        c.createStatement().execute("ANALYZE");
    }

    @Override
    protected Plan explain(Connection c, RefundList.Sql sql) throws SQLException {
        String text = String.join("\n", rows(c, "EXPLAIN ANALYZE " + sql.text(), sql.params()));
        Matcher index = INDEX.matcher(text);
        Matcher scanned = SCANNED.matcher(text);
        return new Plan(index.find() ? index.group(1) : "(none)", !text.contains("/* index sorted */"),
                scanned.find() ? Long.parseLong(scanned.group(1)) : Long.MAX_VALUE, text);
    }
}
