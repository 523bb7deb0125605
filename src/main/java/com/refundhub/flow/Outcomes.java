package com.refundhub.flow;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.provider.Exchanges;
import com.refundhub.provider.Operation;
import com.refundhub.provider.Outcome;
import com.refundhub.provider.OutcomeTable;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderAnswer.Verdict;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome step (route {@code outcome}): maps a provider answer through its table, then — one method per
 * branch of the content-based router — applies it to the ledger. Unknown outcomes are never resent: they
 * become PENDING and the inquiry loop resolves them.
 */
public class Outcomes {
    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);
    private static final Set<RefundStatus> OPEN = EnumSet.of(RefundStatus.SUBMITTED, RefundStatus.PENDING, RefundStatus.REVIEW);

    private final Map<String, OutcomeTable> tables;
    private final LedgerDatabase db;
    private final Refunds refunds;
    private final RefundQueries queries;
    private final InquiryPolicy policy;
    private final Consumer<String> contradictions;

    /** @param contradictions told (with the channel) when a provider contradicts a refund's final status */
    public Outcomes(Map<String, OutcomeTable> tables, LedgerDatabase db, Refunds refunds, RefundQueries queries,
                    InquiryPolicy policy, Consumer<String> contradictions) {
        this.tables = tables;
        this.db = db;
        this.refunds = refunds;
        this.queries = queries;
        this.policy = policy;
        this.contradictions = contradictions;
    }

    /** Sets {@code outcome} and {@code outcomeKind} (or {@code SKIPPED}) for the router. */
    public void classify(Exchange exchange) {
        if (exchange.getProperty("skipped", false, Boolean.class)) {
            exchange.setProperty("outcomeKind", "SKIPPED");
            return;
        }
        Outcome outcome = exchange.getProperty(Exchanges.OUTCOME, Outcome.class);
        if (outcome == null) {
            ChannelConfig channel = exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class);
            outcome = map(tables.get(channel.getType()), operation(exchange),
                    exchange.getProperty(Exchanges.ANSWER, ProviderAnswer.class));
            exchange.setProperty(Exchanges.OUTCOME, outcome);
        }
        exchange.setProperty("outcomeKind", outcome.kind().name());
    }

    static Outcome map(OutcomeTable table, Operation operation, ProviderAnswer a) {
        switch (a.verdict()) {
            case UNPARSEABLE:
                return Outcome.unknown(a.detail());
            case BAD_SIGNATURE:
                return new Outcome(Outcome.Kind.UNTRUSTED, ReasonCode.BAD_PROVIDER_SIGNATURE, null, null, null, a.detail());
            case MISMATCH:
                return new Outcome(Outcome.Kind.UNTRUSTED, ReasonCode.OUTCOME_UNKNOWN, a.code(), null, null, a.detail());
            default:
                break;
        }
        OutcomeTable.Entry e = table.lookup(operation.tableName(), a.key());
        if (a.verdict() == Verdict.UNSIGNED && e.kind() == Outcome.Kind.SUCCEEDED) {
            // an unsigned answer is only ever acted on as an error (or "no such refund": a resend with the
            // same refund number cannot refund twice), never as a success
            return new Outcome(Outcome.Kind.UNTRUSTED, ReasonCode.BAD_PROVIDER_SIGNATURE, a.code(), a.message(), null,
                    "unsigned answer claims " + e.kind());
        }
        return new Outcome(e.kind(), e.code(), a.code(), a.message(), a.providerRefundId(), "provider answered " + a.code());
    }

    // ---- the router's branches ----

    public void succeeded(Exchange exchange) {
        Outcome o = outcome(exchange);
        settle(exchange, Change.to(RefundStatus.SUCCEEDED).code(null, "refund confirmed by the provider"));
    }

    public void failed(Exchange exchange) {
        Outcome o = outcome(exchange);
        if (o.code() == ReasonCode.AUTH_FAILED) {
            logAuthFailure(exchange, o);
        }
        settle(exchange, Change.to(RefundStatus.FAILED).code(o.code(), o.recordMessage()));
    }

    /** The provider is processing the refund. */
    public void pending(Exchange exchange) {
        Outcome o = outcome(exchange);
        RefundRecord r = record(exchange);
        Change c = Change.to(RefundStatus.PENDING).code(null, "the provider is processing the refund")
                .provider(o.providerCode(), o.providerMessage(), o.providerRefundId()).resetBadSignatures();
        if (operation(exchange) == Operation.REFUND) {
            afterRefundCall(exchange, c);
        } else {
            afterInquiry(exchange, r, c);
        }
    }

    /** No usable answer: the refund may or may not exist at the provider. */
    public void unknown(Exchange exchange) {
        Outcome o = outcome(exchange);
        RefundRecord r = record(exchange);
        if (o.code() == ReasonCode.AUTH_FAILED) {
            logAuthFailure(exchange, o);
        }
        if (operation(exchange) == Operation.REFUND) {
            afterRefundCall(exchange, Change.to(RefundStatus.PENDING)
                    .code(o.code() == null ? ReasonCode.OUTCOME_UNKNOWN : o.code(), o.recordMessage())
                    .provider(o.providerCode(), o.providerMessage(), null));
        } else {
            afterInquiry(exchange, r, Change.keepStatus());   // an inconclusive inquiry changes nothing but the schedule
        }
    }

    /** An answer that cannot be believed: resolved by inquiry, REVIEW if it keeps happening. */
    public void untrusted(Exchange exchange) {
        Outcome o = outcome(exchange);
        RefundRecord r = record(exchange);
        Change c = Change.to(RefundStatus.PENDING).code(o.code(), o.detail()).countBadSignature();
        if (operation(exchange) == Operation.REFUND) {
            afterRefundCall(exchange, c);
            return;
        }
        int inARow = queries.tracking(r.refundId()).map(RefundQueries.Tracking::badSignatures).orElse(0) + 1;
        if (inARow >= policy.untrustedLimit()) {
            LOG.error("refund {} on {}: {} answers in a row could not be believed; moved to REVIEW", r.refundId(),
                    r.channel(), inARow);
            apply(exchange, r.refundId(), Set.of(RefundStatus.PENDING), Change.to(RefundStatus.REVIEW)
                    .code(o.code(), inARow + " answers in a row could not be believed: " + o.detail())
                    .countInquiry().countBadSignature().lease(null).nextInquiryAt(null));
            return;
        }
        afterInquiry(exchange, r, c);
    }

    /**
     * An inquiry says the provider has no such refund. If our send's outcome was unknown, the request never
     * arrived: send it once more, same refund number. Otherwise the provider contradicts itself: REVIEW.
     * Sets {@code resend} when the router is to send again.
     */
    public void noSuchRefund(Exchange exchange) {
        RefundRecord r = record(exchange);
        boolean outcomeWasUnknown = ReasonCode.OUTCOME_UNKNOWN.name().equals(r.code())
                || ReasonCode.BAD_PROVIDER_SIGNATURE.name().equals(r.code());
        if (r.status() == RefundStatus.PENDING && outcomeWasUnknown && !r.resent()) {
            LOG.info("refund {}: provider has no such refund after an unknown outcome; resending once", r.refundId());
            apply(exchange, r.refundId(), Set.of(RefundStatus.PENDING), Change.keepStatus().countInquiry());
            exchange.setProperty("resend", true);
            return;
        }
        String why = r.resent() ? "provider still has no such refund after the one resend"
                : "provider reports no such refund, though it " + (r.code() == null ? "had accepted it" : "was not asked to forget it");
        apply(exchange, r.refundId(), Set.of(RefundStatus.PENDING), Change.to(RefundStatus.REVIEW)
                .code(r.code() == null ? null : ReasonCode.valueOf(r.code()), why).countInquiry().lease(null).nextInquiryAt(null));
    }

    public void skipped(Exchange exchange) {
        LOG.debug("refund {}: nothing to do", exchange.getProperty("refundId"));
    }

    // ---- helpers ----

    private void settle(Exchange exchange, Change change) {
        Outcome o = outcome(exchange);
        RefundRecord r = record(exchange);
        change.provider(o.providerCode(), o.providerMessage(), o.providerRefundId())
                .resetBadSignatures().lease(null).nextInquiryAt(null);
        if (operation(exchange) == Operation.INQUIRY) {
            change.countInquiry();
        }
        if (apply(exchange, r.refundId(), OPEN, change).isEmpty()) {
            RefundRecord now = queries.find(r.refundId(), false).orElse(r);
            if (now.status().isFinal() && now.status() != change.target()) {
                // a final status never changes: the provider changed its mind, and a person must look
                LOG.error("refund {} on {}: the provider now answers {} ({}) for a refund that is {}; the refund stays {}",
                        r.refundId(), r.channel(), change.target(), o.providerCode(), now.status(), now.status());
                contradictions.accept(r.channel());
            } else {
                LOG.info("refund {}: outcome {} not applied, the refund is already {}", r.refundId(), o.kind(), now.status());
            }
        }
    }

    private void afterRefundCall(Exchange exchange, Change change) {
        RefundRecord r = record(exchange);
        ChannelConfig channel = exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class);
        change.lease(null).nextInquiryAt(policy.next(channel, 0, db.now()));
        apply(exchange, r.refundId(), Set.of(RefundStatus.SUBMITTED), change);
    }

    private void afterInquiry(Exchange exchange, RefundRecord r, Change change) {
        ChannelConfig channel = exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class);
        OffsetDateTime now = db.now();
        int made = r.inquiries() + 1;
        if (policy.exhausted(r.createdAt(), now)) {
            LOG.warn("refund {}: no final answer after {} ({} inquiries); moved to REVIEW", r.refundId(), policy.maxAge(), made);
            apply(exchange, r.refundId(), Set.of(RefundStatus.PENDING), Change.to(RefundStatus.REVIEW)
                    .code(ReasonCode.INQUIRY_EXHAUSTED, "no final answer after " + made + " inquiries over "
                            + policy.maxAge().toHours() + "h").countInquiry().lease(null).nextInquiryAt(null));
            return;
        }
        change.countInquiry().lease(null).nextInquiryAt(policy.next(channel, made, now));
        apply(exchange, r.refundId(), Set.of(RefundStatus.PENDING), change);
    }

    /** Every change an answer leads to goes through here: it carries the exchange with the provider along. */
    private java.util.Optional<RefundRecord> apply(Exchange exchange, String refundId, Set<RefundStatus> from, Change change) {
        ProviderExchange x = exchange.getProperty(Exchanges.PROVIDER_EXCHANGE, ProviderExchange.class);
        if (x != null) {
            exchange.removeProperty(Exchanges.PROVIDER_EXCHANGE);
            change.exchange(x);
        }
        return refunds.transition(refundId, from, change);
    }

    private static void logAuthFailure(Exchange exchange, Outcome o) {
        ChannelConfig channel = exchange.getProperty(Exchanges.CHANNEL, ChannelConfig.class);
        LOG.error("channel {}: provider refused our credentials ({} {}) on refund {}; check the channel's keys",
                channel.getName(), o.providerCode(), o.providerMessage() == null ? "" : o.providerMessage(),
                record(exchange).refundId());
    }

    private static Outcome outcome(Exchange exchange) {
        return exchange.getProperty(Exchanges.OUTCOME, Outcome.class);
    }

    private static RefundRecord record(Exchange exchange) {
        return exchange.getProperty(Exchanges.RECORD, RefundRecord.class);
    }

    private static Operation operation(Exchange exchange) {
        return exchange.getProperty(Exchanges.OPERATION, Operation.class);
    }
}
