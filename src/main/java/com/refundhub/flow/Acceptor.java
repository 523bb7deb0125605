package com.refundhub.flow;

import com.refundhub.core.RefundRequest;
import com.refundhub.core.RequestFingerprint;
import com.refundhub.core.RequestValidator;
import com.refundhub.ledger.Refunds;
import com.refundhub.ledger.LineRef;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * The one accept step every intake ends at: validate, then record idempotently. Leaves {@code refundId}
 * and {@code created} (false for an identical resubmission) on the exchange.
 */
public class Acceptor {
    /** exchange property: the batch line a request comes from ({@link LineRef}), kept with the new refund */
    public static final String LINE = "lineRef";

    private final RequestValidator validator;
    private final Refunds refunds;
    private final Duration receivedLease;

    public Acceptor(RequestValidator validator, Refunds refunds, Duration receivedLease) {
        this.validator = validator;
        this.refunds = refunds;
        this.receivedLease = receivedLease;
    }

    public Refunds.Recorded accept(RefundRequest request, Exchange exchange) {
        validator.validate(request);
        String intake = exchange.getProperty("intake", "HTTP", String.class);
        Refunds.Recorded recorded = refunds.record(request, RequestFingerprint.of(request), intake, receivedLease,
                exchange.getProperty(LINE, LineRef.class));
        exchange.setProperty("refundId", recorded.record().refundId());
        exchange.setProperty("created", recorded.created());
        return recorded;
    }
}
