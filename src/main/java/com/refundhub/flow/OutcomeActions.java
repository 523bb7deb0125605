package com.refundhub.flow;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.route.RouteProperties;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger changes of route {@code outcome}: one method per branch of its router, which has already decided (on the
 * facts {@link OutcomeFacts} set) which one applies. Each change carries the exchange with the provider along, in
 * the same transaction. Unknown outcomes are never resent: they become PENDING and the inquiry loop resolves them.
 */
public class OutcomeActions {
    private static final Logger LOG = LoggerFactory.getLogger(OutcomeActions.class);
    private static final Set<RefundStatus> OPEN = EnumSet.of(RefundStatus.SUBMITTED, RefundStatus.PENDING, RefundStatus.REVIEW);
    private static final Set<RefundStatus> PENDING = Set.of(RefundStatus.PENDING);

    private final LedgerDatabase db;
    private final Refunds refunds;
    private final RefundQueries queries;
    private final InquiryPolicy policy;
    private final Consumer<String> contradictions;
    private final Consumer<String> waiting;

    /**
     * @param contradictions told (with the channel) when a provider contradicts a refund's final status
     * @param waiting        told (with the channel) when a refund goes back to waiting for it (not delivered)
     */
    public OutcomeActions(LedgerDatabase db, Refunds refunds, RefundQueries queries, InquiryPolicy policy,
                          Consumer<String> contradictions, Consumer<String> waiting) {
        this.db = db;
        this.refunds = refunds;
        this.queries = queries;
        this.policy = policy;
        this.contradictions = contradictions;
        this.waiting = waiting;
    }

    // ---- a final answer ----

    /** SUCCEEDED; when the refund is already final with another status, sets {@code contradictsFinalStatus}. */
    public void succeeded(Exchange exchange) {
        settle(exchange, Change.to(RefundStatus.SUCCEEDED).code(null, "refund confirmed by the provider"));
    }

    /** FAILED with the outcome's code; as {@link #succeeded}, a contradiction of a final status is a fact. */
    public void failed(Exchange exchange) {
        ProviderOutcome o = outcome(exchange);
        settle(exchange, Change.to(RefundStatus.FAILED).code(o.code(), o.recordMessage()));
    }

    /** A final status never changes: the provider changed its mind, and a person must look. */
    public void reportContradiction(Exchange exchange) {
        RefundRecord r = record(exchange);
        ProviderOutcome o = outcome(exchange);
        RefundStatus now = queries.find(r.refundId(), false).map(RefundRecord::status).orElse(r.status());
        LOG.error("refund {} on {}: the provider now answers {} ({}) for a refund that is {}; the refund stays {}",
                r.refundId(), r.channel(), o.kind(), o.providerCode(), now, now);
        contradictions.accept(r.channel());
    }

    public void logAuthFailure(Exchange exchange) {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        ProviderOutcome o = outcome(exchange);
        LOG.error("channel {}: provider refused our credentials ({} {}) on refund {}; check the channel's keys",
                channel.getName(), o.providerCode(), o.providerMessage() == null ? "" : o.providerMessage(),
                record(exchange).refundId());
    }

    // ---- after a refund call: PENDING until an inquiry settles it ----

    /** The provider is processing the refund. */
    public void processingAfterRefund(Exchange exchange) {
        afterRefundCall(exchange, processing(exchange));
    }

    /** No usable answer: the refund may or may not exist at the provider. */
    public void unknownAfterRefund(Exchange exchange) {
        ProviderOutcome o = outcome(exchange);
        afterRefundCall(exchange, Change.to(RefundStatus.PENDING)
                .code(o.code() == null ? ReasonCode.OUTCOME_UNKNOWN : o.code(), o.recordMessage())
                .provider(o.providerCode(), o.providerMessage(), null));
    }

    /** An answer that cannot be believed: resolved by inquiry. */
    public void untrustedAfterRefund(Exchange exchange) {
        afterRefundCall(exchange, untrusted(exchange));
    }

    /**
     * Not delivered: the connection could not be made, nothing reached the provider. RECEIVED, PROVIDER_UNAVAILABLE, the
     * attempt taken back; it waits for its channel and is sent again with the same refund number, without inquiry.
     */
    public void notDelivered(Exchange exchange) {
        ProviderOutcome o = outcome(exchange);
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        if (apply(exchange, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.RECEIVED)
                .code(ReasonCode.PROVIDER_UNAVAILABLE, o.detail()).uncountAttempt().lease(null).nextInquiryAt(null))
                .isPresent()) {
            waiting.accept(channel.getName());
        }
    }

    // ---- after an inquiry ----

    public void processingAfterInquiry(Exchange exchange) {
        afterInquiry(exchange, processing(exchange));
    }

    /** An inconclusive inquiry (no usable answer) changes nothing but the schedule. */
    public void inconclusiveInquiry(Exchange exchange) {
        afterInquiry(exchange, Change.keepStatus());
    }

    /** An inquiry that could not connect: not counted, nothing but the schedule changes (the same backoff step again). */
    public void inquiryNotDelivered(Exchange exchange) {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        int made = record(exchange).inquiries();
        apply(exchange, PENDING, Change.keepStatus().lease(null).nextInquiryAt(policy.next(channel, made, db.now())));
    }

    public void untrustedAfterInquiry(Exchange exchange) {
        afterInquiry(exchange, untrusted(exchange));
    }

    /** Not final after refundhub.inquiry.max-age: REVIEW, INQUIRY_EXHAUSTED. */
    public void inquiryExhausted(Exchange exchange) {
        RefundRecord r = record(exchange);
        int made = r.inquiries() + 1;
        LOG.warn("refund {}: no final answer after {} ({} inquiries); moved to REVIEW", r.refundId(), policy.maxAge(), made);
        apply(exchange, PENDING, Change.to(RefundStatus.REVIEW).code(ReasonCode.INQUIRY_EXHAUSTED, "no final answer after "
                + made + " inquiries over " + policy.maxAge().toHours() + "h").countInquiry().lease(null).nextInquiryAt(null));
    }

    /** refundhub.inquiry.untrusted-limit answers in a row could not be believed: REVIEW. */
    public void untrustedLimitReached(Exchange exchange) {
        RefundRecord r = record(exchange);
        ProviderOutcome o = outcome(exchange);
        int inARow = RouteProperties.UNTRUSTED_IN_A_ROW.require(exchange);
        LOG.error("refund {} on {}: {} answers in a row could not be believed; moved to REVIEW", r.refundId(),
                r.channel(), inARow);
        apply(exchange, PENDING, Change.to(RefundStatus.REVIEW)
                .code(o.code(), inARow + " answers in a row could not be believed: " + o.detail())
                .countInquiry().countBadSignature().lease(null).nextInquiryAt(null));
    }

    /** "No such refund" after an unknown outcome: the inquiry is counted and the refund is to be sent once more. */
    public void resendOnce(Exchange exchange) {
        RefundRecord r = record(exchange);
        LOG.info("refund {}: provider has no such refund after an unknown outcome; resending once", r.refundId());
        apply(exchange, PENDING, Change.keepStatus().countInquiry());
        RouteProperties.RESEND.set(exchange, true);
    }

    /** "No such refund" after the one resend, or for a refund the provider had accepted: REVIEW. */
    public void noSuchRefundReview(Exchange exchange) {
        RefundRecord r = record(exchange);
        String why = r.resent() ? "provider still has no such refund after the one resend"
                : "provider reports no such refund, though it " + (r.code() == null ? "had accepted it" : "was not asked to forget it");
        apply(exchange, PENDING, Change.to(RefundStatus.REVIEW)
                .code(r.code() == null ? null : ReasonCode.valueOf(r.code()), why).countInquiry().lease(null).nextInquiryAt(null));
    }

    public void notCalled(Exchange exchange) {
        LOG.debug("refund {}: no call was made, nothing to record", RouteProperties.REFUND_ID.get(exchange));
    }

    // ---- helpers ----

    private Change processing(Exchange exchange) {
        ProviderOutcome o = outcome(exchange);
        return Change.to(RefundStatus.PENDING).code(null, "the provider is processing the refund")
                .provider(o.providerCode(), o.providerMessage(), o.providerRefundId()).resetBadSignatures();
    }

    private Change untrusted(Exchange exchange) {
        ProviderOutcome o = outcome(exchange);
        return Change.to(RefundStatus.PENDING).code(o.code(), o.detail()).countBadSignature();
    }

    private void settle(Exchange exchange, Change change) {
        ProviderOutcome o = outcome(exchange);
        RefundRecord r = record(exchange);
        change.provider(o.providerCode(), o.providerMessage(), o.providerRefundId())
                .resetBadSignatures().lease(null).nextInquiryAt(null);
        if (RouteProperties.OPERATION.require(exchange) == Operation.INQUIRY) {
            change.countInquiry();
        }
        if (apply(exchange, OPEN, change).isEmpty()) {
            RefundRecord now = queries.find(r.refundId(), false).orElse(r);
            boolean contradicts = now.status().isFinal() && now.status() != change.target();
            RouteProperties.CONTRADICTS_FINAL_STATUS.set(exchange, contradicts);
            if (!contradicts) {
                LOG.info("refund {}: outcome {} not applied, the refund is already {}", r.refundId(), o.kind(), now.status());
            }
        }
    }

    private void afterRefundCall(Exchange exchange, Change change) {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        change.lease(null).nextInquiryAt(policy.next(channel, 0, db.now()));
        apply(exchange, Set.of(RefundStatus.SUBMITTED), change);
    }

    private void afterInquiry(Exchange exchange, Change change) {
        ChannelConfig channel = RouteProperties.CHANNEL.require(exchange);
        int made = record(exchange).inquiries() + 1;
        change.countInquiry().lease(null).nextInquiryAt(policy.next(channel, made, db.now()));
        apply(exchange, PENDING, change);
    }

    /** Every change an answer leads to goes through here: it carries the exchange with the provider along. */
    private Optional<RefundRecord> apply(Exchange exchange, Set<RefundStatus> from, Change change) {
        ProviderExchange x = RouteProperties.PROVIDER_EXCHANGE.get(exchange);
        if (x != null) {
            RouteProperties.PROVIDER_EXCHANGE.remove(exchange);
            change.exchange(x);
        }
        return refunds.transition(record(exchange).refundId(), from, change.by(RouteProperties.ACTOR.get(exchange)));
    }

    private static ProviderOutcome outcome(Exchange exchange) {
        return RouteProperties.OUTCOME.require(exchange);
    }

    private static RefundRecord record(Exchange exchange) {
        return RouteProperties.RECORD.require(exchange);
    }
}
