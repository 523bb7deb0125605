package com.refundhub.ledger;

import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Paged lists of refunds (SPEC §8.2): newest first, by keyset on (created_at, refund_id) — never OFFSET — so a page
 * costs the same at any depth and pages do not shift while new refunds arrive. Each filter combination has an index
 * in list order (migration V5), which the query reads from the cursor on and leaves after one page.
 */
public final class RefundList {
    private static final String REFUND_ID = "[A-Za-z0-9_-]{1,32}";

    private RefundList() {
    }

    /** What a list is restricted to; null fields do not restrict. {@code createdTo} is exclusive. */
    public record Filter(RefundStatus status, String channel, String orderId, OffsetDateTime createdFrom,
                         OffsetDateTime createdTo) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** Where the next page starts: after this refund in list order. Opaque to clients. */
    public record Cursor(OffsetDateTime createdAt, String refundId) {
        public String token() {
            String text = createdAt.toInstant() + "|" + refundId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        /** @throws IllegalArgumentException when the token is not one {@link #token()} made */
        public static Cursor parse(String token) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
                int bar = text.lastIndexOf('|');
                String refundId = text.substring(bar + 1);
                if (bar < 0 || !refundId.matches(REFUND_ID)) {
                    throw new IllegalArgumentException("not a cursor");
                }
                return new Cursor(Instant.parse(text.substring(0, bar)).atOffset(ZoneOffset.UTC), refundId);
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a cursor this hub gave", e);
            }
        }
    }

    /** One page, and the cursor of the next (null on the last page). */
    public record Page(List<RefundRecord> refunds, Cursor next) {
    }

    /** A statement and its parameters. */
    record Sql(String text, List<Object> params) {
    }

    /** An index of migration V5 and the columns it leads with, which the filters hold equal. */
    private record ListIndex(String name, String... equalColumns) {
    }

    /**
     * The index a filter combination reads: the order's (few refunds per order), else the one leading with exactly
     * the filtered status and channel; each then runs in (created_at, refund_id) order.
     */
    private static ListIndex indexFor(Filter f) {
        if (f.orderId() != null) {
            return new ListIndex("refunds_list_order", "order_id");
        }
        if (f.status() != null) {
            return f.channel() != null ? new ListIndex("refunds_list_status_channel", "status", "channel")
                    : new ListIndex("refunds_list_status", "status");
        }
        return f.channel() != null ? new ListIndex("refunds_list_channel", "channel") : new ListIndex("refunds_list");
    }

    /**
     * The page query: equality filters, the creation range, the cursor as a range on created_at (which the index
     * seeks to) refined by refund_id for refunds created in the same instant, and one row more than the page to tell
     * whether a next page exists. The order names the index's leading columns too (constant under the filters, so
     * the same order). On SQLite the query also names the index ({@link Engine#readIndex}): its planner may take an
     * index that filters and sort afterwards. PostgreSQL's planner finds it alone.
     */
    static Sql page(Filter f, int limit, Cursor after, Engine engine) {
        ListIndex index = indexFor(f);
        StringBuilder sql = new StringBuilder("SELECT " + RefundRows.COLUMNS + " FROM refunds")
                .append(engine.readIndex(index.name())).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status());
        }
        if (f.channel() != null) {
            sql.append(" AND channel = ?");
            params.add(f.channel());
        }
        if (f.orderId() != null) {
            sql.append(" AND order_id = ?");
            params.add(f.orderId());
        }
        if (f.createdFrom() != null) {
            sql.append(" AND created_at >= ?");
            params.add(f.createdFrom());
        }
        if (f.createdTo() != null) {
            sql.append(" AND created_at < ?");
            params.add(f.createdTo());
        }
        if (after != null) {
            sql.append(" AND created_at <= ? AND (created_at < ? OR refund_id < ?)");
            params.add(after.createdAt());
            params.add(after.createdAt());
            params.add(after.refundId());
        }
        sql.append(" ORDER BY ");
        for (String column : index.equalColumns()) {
            sql.append(column).append(" DESC, ");
        }
        sql.append("created_at DESC, refund_id DESC LIMIT ?");
        params.add(limit + 1);
        return new Sql(sql.toString(), params);
    }

    static Page toPage(List<RefundRecord> rows, int limit) {
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<RefundRecord> page = rows.subList(0, limit);
        RefundRecord last = page.get(limit - 1);
        return new Page(List.copyOf(page), new Cursor(last.createdAt(), last.refundId()));
    }
}
