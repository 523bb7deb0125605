package com.refundhub.flow;

import com.refundhub.core.RefundRequest;
import com.refundhub.core.RequestFingerprint;
import com.refundhub.core.RequestValidator;
import com.refundhub.ledger.Refunds;
import com.refundhub.route.RouteProperties;
import java.time.Duration;
import org.apache.camel.Exchange;

/**
 * The one accept step every intake ends at: validate, then record idempotently. Leaves {@code refundId}
 * and the fact {@code created} (false for an identical resubmission) on the exchange.
 */
public class Acceptor {
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
        String intake = RouteProperties.INTAKE.get(exchange, "HTTP");
        Refunds.Recorded recorded = refunds.record(request, RequestFingerprint.of(request), intake, receivedLease,
                RouteProperties.LINE_REF.get(exchange), RouteProperties.ACTOR.get(exchange),
                RouteProperties.TRACE_PARENT.get(exchange));
        RouteProperties.REFUND_ID.set(exchange, recorded.record().refundId());
        RouteProperties.CREATED.set(exchange, recorded.created());
        if (recorded.created()) {
            RouteProperties.JUST_RECORDED.set(exchange, recorded.record());
        }
        return recorded;
    }
}
