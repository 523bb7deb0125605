package com.refundhub.api;

import com.refundhub.core.RecordView;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.RefundList;
import com.refundhub.ledger.RefundQueries;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * {@code GET /refunds} (SPEC §8.2): a page of refunds, newest first, filtered by status, channel, order and creation
 * time; {@code next} is the cursor of the following page, null on the last. {@code ?status=REVIEW} is the queue of
 * refunds waiting for a person.
 */
public class RefundListApi {
    private static final Set<String> FILTERS = new LinkedHashSet<>(List.of("status", "channel", "orderId", "createdFrom",
            "createdTo"));

    private final RefundQueries queries;

    public RefundListApi(RefundQueries queries) {
        this.queries = queries;
    }

    public void list(Exchange exchange) {
        ListParams p = ListParams.of(exchange, FILTERS);
        OffsetDateTime from = p.instant("createdFrom");
        OffsetDateTime to = p.instant("createdTo");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblem.invalid("createdTo", "must be after createdFrom");
        }
        RefundList.Filter filter = new RefundList.Filter(p.oneOf("status", RefundStatus.class), p.text("channel", 64),
                p.text("orderId", 32), from, to);
        RefundList.Page page = queries.page(filter, p.limit(), p.cursor(RefundList.Cursor::parse));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", page.refunds().size());
        out.put("refunds", page.refunds().stream().map(RecordView::of).toList());
        out.put("next", page.next() == null ? null : page.next().token());
        HttpApi.json(exchange, 200, out);
    }
}
