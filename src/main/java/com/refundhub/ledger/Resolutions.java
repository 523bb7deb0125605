package com.refundhub.ledger;

import com.refundhub.core.HistoryEntry;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RefundTransitions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Manual resolution of a refund in REVIEW (SPEC §8.2): an operator who checked with the provider says what became of
 * it. The change is one guarded transition like any other (history entry with the operator and note, event, batch),
 * from REVIEW only; the same resolution again finds the entry it wrote and changes nothing.
 */
public class Resolutions {
    private final Refunds refunds;
    private final RefundQueries queries;

    public Resolutions(Refunds refunds, RefundQueries queries) {
        this.refunds = refunds;
        this.queries = queries;
    }

    /** What an operator decided: a status the state machine lets a person set from REVIEW, and why. */
    public record Resolution(RefundStatus status, String note, String providerRefundId, String actor) {
        public Resolution {
            if (!RefundTransitions.manualTargets(RefundStatus.REVIEW).contains(status)) {
                throw new IllegalArgumentException("a refund in REVIEW cannot be resolved to " + status);
            }
            Objects.requireNonNull(note, "note");
        }

        /** The history entry's message: the provider refund id the operator found, when given. */
        String message() {
            return "resolved by hand" + (providerRefundId == null ? "" : "; provider refund id " + providerRefundId);
        }
    }

    public enum Result {
        /** the refund was in REVIEW and is now resolved */
        RESOLVED,
        /** the very same resolution was made before: nothing changed */
        ALREADY_RESOLVED,
        /** the refund is not in REVIEW (or was resolved differently) */
        NOT_IN_REVIEW,
        NOT_FOUND
    }

    /** The result, and the refund with its history (absent when not found). */
    public record Outcome(Result result, Optional<RefundRecord> record) {
    }

    public Outcome resolve(String refundId, Resolution r) {
        Optional<RefundRecord> resolved = refunds.transition(refundId, Set.of(RefundStatus.REVIEW),
                Change.to(r.status()).code(ReasonCode.MANUAL_RESOLUTION, r.message()).by(r.actor())
                        .resolution(r.note(), r.providerRefundId()).lease(null).nextInquiryAt(null));
        Optional<RefundRecord> now = queries.find(refundId, true);
        if (resolved.isPresent()) {
            return new Outcome(Result.RESOLVED, now);
        }
        if (now.isEmpty()) {
            return new Outcome(Result.NOT_FOUND, now);
        }
        return new Outcome(sameAsLast(now.get(), r) ? Result.ALREADY_RESOLVED : Result.NOT_IN_REVIEW, now);
    }

    /** Whether the refund's last entry is this resolution's: same status, note and message (so same provider id). */
    private static boolean sameAsLast(RefundRecord record, Resolution r) {
        List<HistoryEntry> history = record.history();
        if (history.isEmpty() || record.status() != r.status()) {
            return false;
        }
        HistoryEntry last = history.get(history.size() - 1);
        return last.to() == r.status() && ReasonCode.MANUAL_RESOLUTION.name().equals(last.code())
                && r.note().equals(last.note()) && r.message().equals(last.message());
    }
}
