package com.refundhub.ledger;

import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundStatus;
import java.time.OffsetDateTime;

/**
 * What one guarded update of a refund changes. The status ({@code to}) may be null to keep the current
 * one (e.g. an inconclusive inquiry that only reschedules); code and message are always replaced.
 */
public final class Change {
    final RefundStatus to;
    String code;
    String message;
    boolean provider;
    String providerCode;
    String providerMessage;
    String providerRefundId;
    int attemptsDelta;
    int inquiriesDelta;
    Boolean resetBadSignatures;   // null: keep; true: reset to 0; false: add one
    boolean markResent;
    boolean setNextInquiry;
    OffsetDateTime nextInquiryAt;
    boolean setLease;
    OffsetDateTime leaseUntil;
    boolean keepCode;
    ProviderExchange exchange;
    String actor;
    String note;
    String resolvedProviderRefundId;

    private Change(RefundStatus to) {
        this.to = to;
    }

    public static Change to(RefundStatus status) {
        return new Change(status);
    }

    /** Keeps status, code and message: only the bookkeeping fields set on this change are written. */
    public static Change keepStatus() {
        Change c = new Change(null);
        c.keepCode = true;
        return c;
    }

    public Change code(ReasonCode reason, String message) {
        this.code = reason == null ? null : reason.name();
        this.message = message;
        this.keepCode = false;
        return this;
    }

    public Change provider(String code, String message, String refundId) {
        this.provider = true;
        this.providerCode = code;
        this.providerMessage = message;
        this.providerRefundId = refundId;
        return this;
    }

    public Change countAttempt() {
        this.attemptsDelta = 1;
        return this;
    }

    /** Takes back the attempt counted when the refund was marked SUBMITTED: the request never left. */
    public Change uncountAttempt() {
        this.attemptsDelta = -1;
        return this;
    }

    public Change countInquiry() {
        this.inquiriesDelta = 1;
        return this;
    }

    public Change countBadSignature() {
        this.resetBadSignatures = false;
        return this;
    }

    public Change resetBadSignatures() {
        this.resetBadSignatures = true;
        return this;
    }

    public Change markResent() {
        this.markResent = true;
        return this;
    }

    public Change nextInquiryAt(OffsetDateTime at) {
        this.setNextInquiry = true;
        this.nextInquiryAt = at;
        return this;
    }

    /** Holds (or, with null, frees) the refund for this instance until the given time. */
    public Change lease(OffsetDateTime until) {
        this.setLease = true;
        this.leaseUntil = until;
        return this;
    }

    /** Keeps this provider exchange in the same transaction (or on its own, if the change is refused). */
    public Change exchange(ProviderExchange x) {
        this.exchange = x;
        return this;
    }

    /** Who makes the change (its history entry's actor); null: the hub on its own. */
    public Change by(String actor) {
        this.actor = actor;
        return this;
    }

    /**
     * An operator's resolution: the note goes with the history entry, and a provider refund id the operator found
     * replaces the one the record had.
     */
    public Change resolution(String note, String providerRefundId) {
        this.note = note;
        this.resolvedProviderRefundId = providerRefundId;
        return this;
    }

    public RefundStatus target() {
        return to;
    }
}
