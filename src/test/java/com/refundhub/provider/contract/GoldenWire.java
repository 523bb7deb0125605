package com.refundhub.provider.contract;

import com.refundhub.core.RefundRecord;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.Operation;
import com.refundhub.provider.WireInputs;
import java.util.Map;

/**
 * How the golden wire test reaches the hub's provider code: one request built and signed, one answer read and mapped.
 * The cases and what they must give are data ({@code golden/wire.json}); only this adapter follows the code's shape.
 */
interface GoldenWire {

    /** What goes on the wire: the method, the path, the headers the provider's steps set, the exact body. */
    record Sent(String method, String path, Map<String, String> headers, String body) {
    }

    /**
     * How an answer is read: believed or not, the outcome-table row it lands on (for an answer acted on), and what the
     * refund's record takes from it.
     */
    record Read(String verdict, String row, String kind, String reasonCode, String providerCode, String providerMessage,
                String providerRefundId) {
    }

    Sent request(String type, Map<String, String> channel, Operation operation, RefundRecord record, WireInputs inputs)
            throws Exception;

    Read answer(String type, Map<String, String> channel, Operation operation, RefundRecord record, OrderTotals totals,
                String text) throws Exception;
}
