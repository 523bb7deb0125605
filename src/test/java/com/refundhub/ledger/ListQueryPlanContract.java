package com.refundhub.ledger;

import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list query on a ledger of a million refunds (SPEC §8.2): for every filter combination, with and without a
 * creation range, first page and a later one, the database reads the index made for it, in list order (no sort),
 * and touches about one page of rows — not the refunds before the cursor, not the rows the filters leave out. The
 * filters pick rare values (REVIEW, channel 'rare'), where reading the wrong index would touch the most rows.
 * The statement is the one {@link RefundQueries#page} issues.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ListQueryPlanContract {
    static final int REFUNDS = 1_000_000;
    static final int LIMIT = 50;
    /** Rows a page may touch: the page, the one row more that tells there is a next page, and the cursor's tie. */
    static final int TOUCHED = 2 * (LIMIT + 1);

    protected DataSource ds;
    private RefundQueries queries;

    protected abstract DataSource dataSource() throws Exception;

    /** Inserts {@link #REFUNDS} refunds in one statement (see {@link #spread}). */
    protected abstract void bulkInsert(Connection c) throws SQLException;

    /** What the database says it did for the query: the index it read, whether it sorted, the rows it touched. */
    protected record Plan(String index, boolean sorted, long touched, String text) {
    }

    protected abstract Plan explain(Connection c, RefundList.Sql sql) throws SQLException;

    protected abstract Engine engine();

    /**
     * How the refunds are spread, by their number n: REVIEW 1 in 1000, PENDING 1 in 100, FAILED 1 in 10, else
     * SUCCEEDED; channel 'rare' 1 in 100, else trusty, newpay, scanforpay in turn; two refunds per order; two refunds
     * created in each second, so a page boundary falls between refunds of the same instant.
     */
    static String spread(String n) {
        return "CASE WHEN MOD(" + n + ", 1000) = 0 THEN 'REVIEW' WHEN MOD(" + n + ", 100) = 1 THEN 'PENDING' "
                + "WHEN MOD(" + n + ", 10) = 2 THEN 'FAILED' ELSE 'SUCCEEDED' END, "
                + "CASE WHEN MOD(" + n + ", 100) = 3 THEN 'rare' WHEN MOD(" + n + ", 3) = 0 THEN 'trusty' "
                + "WHEN MOD(" + n + ", 3) = 1 THEN 'newpay' ELSE 'scanforpay' END";
    }

    @BeforeAll
    void fill() throws Exception {
        ds = dataSource();
        Database.migrate(ds);
        queries = new RefundQueries(new LedgerDatabase(ds, Clock.systemUTC(), "plan-test"));
        try (Connection c = ds.getConnection()) {
            bulkInsert(c);
        }
    }

    static List<Object[]> combinations() {
        OffsetDateTime from = OffsetDateTime.parse("2026-01-02T00:00:00Z");
        OffsetDateTime to = OffsetDateTime.parse("2026-01-05T00:00:00Z");
        Map<String, RefundList.Filter> filters = new java.util.LinkedHashMap<>();
        filters.put("none", new RefundList.Filter(null, null, null, null, null));
        filters.put("status", new RefundList.Filter(RefundStatus.REVIEW, null, null, null, null));
        filters.put("channel", new RefundList.Filter(null, "rare", null, null, null));
        filters.put("status+channel", new RefundList.Filter(RefundStatus.PENDING, "rare", null, null, null));
        filters.put("orderId", new RefundList.Filter(null, null, "O250000", null, null));
        filters.put("status+orderId", new RefundList.Filter(RefundStatus.SUCCEEDED, null, "O250000", null, null));
        filters.put("channel+orderId", new RefundList.Filter(null, "trusty", "O250000", null, null));
        filters.put("range", new RefundList.Filter(null, null, null, from, to));
        filters.put("status+range", new RefundList.Filter(RefundStatus.FAILED, null, null, from, to));
        filters.put("channel+range", new RefundList.Filter(null, "rare", null, from, to));
        filters.put("status+channel+range", new RefundList.Filter(RefundStatus.REVIEW, "trusty", null, from, to));
        filters.put("orderId+range", new RefundList.Filter(null, null, "O100000", from, to));
        List<Object[]> out = new ArrayList<>();
        filters.forEach((name, f) -> {
            out.add(new Object[] {name, f, false});
            out.add(new Object[] {name, f, true});
        });
        return out;
    }

    /** The indexes a combination may read: an order's refunds are few, so (channel, order_id) serves as well. */
    static Set<String> expectedIndexes(RefundList.Filter f) {
        if (f.orderId() != null) {
            return f.channel() != null ? Set.of("refunds_list_order", "refunds_order") : Set.of("refunds_list_order");
        }
        return Set.of(expectedIndex(f));
    }

    static String expectedIndex(RefundList.Filter f) {
        if (f.status() != null && f.channel() != null) {
            return "refunds_list_status_channel";
        }
        return f.status() != null ? "refunds_list_status" : f.channel() != null ? "refunds_list_channel" : "refunds_list";
    }

    @ParameterizedTest(name = "{0}, later page: {2}")
    @MethodSource("combinations")
    void aPageReadsItsIndexInOrderAndTouchesAboutOnePage(String name, RefundList.Filter filter, boolean laterPage)
            throws SQLException {
        RefundList.Cursor after = null;
        if (laterPage) {
            after = queries.page(filter, LIMIT, null).next();
            if (after == null) {
                return;   // an order has two refunds: no later page
            }
        }
        Plan plan;
        try (Connection c = ds.getConnection()) {
            plan = explain(c, RefundList.page(filter, LIMIT, after, engine()));
        }
        assertThat(plan.index().toLowerCase()).as(plan.text()).isIn(expectedIndexes(filter));
        if (filter.orderId() == null) {   // sorting the few refunds of one order costs nothing
            assertThat(plan.sorted()).as("sorted rows instead of reading the index in order: " + plan.text()).isFalse();
        }
        assertThat(plan.touched()).as("rows touched for one page: " + plan.text()).isLessThanOrEqualTo(TOUCHED);
    }

    /** Runs a query with the statement's parameters bound the way {@link Jdbc} binds them. */
    protected static List<String> rows(Connection c, String sql, List<Object> params) throws SQLException {
        return rows(c, sql, params, 1);
    }

    /** The query's rows, each as the text of column {@code column}. */
    protected static List<String> rows(Connection c, String sql, List<Object> params, int column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.params(params.toArray()).bind(ps);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(column));
                }
            }
            return out;
        }
    }
}
