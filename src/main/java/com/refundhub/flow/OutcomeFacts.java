package com.refundhub.flow;

import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderOutcome.Kind;
import com.refundhub.route.RouteProperties;
import com.refundhub.route.RouteProperty;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The first step of route {@code outcome}: takes what the provider's answer means (the outcome-table row it matched) and sets the
 * facts the route's content-based router decides on. It changes nothing; every fact is set, true or false, on every
 * pass (the same exchange may come back after the one resend).
 */
public class OutcomeFacts {
    private static final List<RouteProperty<Boolean>> FACTS = List.of(RouteProperties.AUTH_FAILED,
            RouteProperties.INQUIRY_EXHAUSTED, RouteProperties.UNTRUSTED_LIMIT_REACHED, RouteProperties.RESEND_ALLOWED,
            RouteProperties.CONTRADICTS_FINAL_STATUS);

    private final LedgerDatabase db;
    private final RefundQueries queries;
    private final InquiryPolicy policy;

    public OutcomeFacts(LedgerDatabase db, RefundQueries queries, InquiryPolicy policy) {
        this.db = db;
        this.queries = queries;
        this.policy = policy;
    }

    /**
     * Sets {@code outcome} and {@code outcomeKind}, and the facts {@code authFailed}, {@code inquiryExhausted},
     * {@code untrustedLimitReached} (with {@code untrustedInARow}), {@code resendAllowed} and
     * {@code contradictsFinalStatus} (false until a final answer is refused). A call that was not made
     * ({@code providerCalled} false) has no outcome: nothing but the facts is set.
     */
    public void assess(Exchange exchange) {
        FACTS.forEach(f -> f.set(exchange, false));
        RouteProperties.OUTCOME_KIND.remove(exchange);
        if (!RouteProperties.PROVIDER_CALLED.isTrue(exchange)) {
            return;
        }
        Operation operation = RouteProperties.OPERATION.require(exchange);
        ProviderOutcome outcome = RouteProperties.OUTCOME.get(exchange);
        if (outcome == null) {
            outcome = map(RouteProperties.ANSWER.require(exchange));
            RouteProperties.OUTCOME.set(exchange, outcome);
        }
        RouteProperties.OUTCOME_KIND.set(exchange, outcome.kind());
        RouteProperties.AUTH_FAILED.set(exchange, outcome.code() == ReasonCode.AUTH_FAILED);
        RefundRecord r = RouteProperties.RECORD.require(exchange);
        if (operation == Operation.INQUIRY) {
            // max-age counts from the send that reached the provider: the time a refund waited for its channel
            // (open, or not delivered) does not push it toward REVIEW
            OffsetDateTime sent = queries.sentAt(r.refundId()).orElse(r.createdAt());
            RouteProperties.INQUIRY_EXHAUSTED.set(exchange, policy.exhausted(sent, db.now()));
            if (outcome.kind() == Kind.UNTRUSTED) {
                int inARow = queries.tracking(r.refundId()).map(RefundQueries.Tracking::badSignatures).orElse(0) + 1;
                RouteProperties.UNTRUSTED_IN_A_ROW.set(exchange, inARow);
                RouteProperties.UNTRUSTED_LIMIT_REACHED.set(exchange, inARow >= policy.untrustedLimit());
            }
        }
        if (outcome.kind() == Kind.NO_SUCH_REFUND) {
            // the request never arrived only if our send's outcome was unknown; one resend, same refund number
            boolean outcomeWasUnknown = ReasonCode.OUTCOME_UNKNOWN.name().equals(r.code())
                    || ReasonCode.BAD_PROVIDER_SIGNATURE.name().equals(r.code());
            RouteProperties.RESEND_ALLOWED.set(exchange, r.status() == RefundStatus.PENDING && outcomeWasUnknown && !r.resent());
        }
    }

    /** What an answer comes to ({@link ProviderOutcome#of}). */
    public static ProviderOutcome map(ProviderAnswer a) {
        return ProviderOutcome.of(a);
    }
}
