package com.refundhub.core;

import java.util.EnumSet;
import java.util.Set;

/**
 * The refund state machine (SPEC §2). {@code PENDING} is the "unknown or in progress" state the inquiry
 * loop works on; {@code REVIEW} is where automation stops and a person takes over.
 */
public enum RefundStatus {
    RECEIVED, SUBMITTED, PENDING, SUCCEEDED, FAILED, REJECTED, REVIEW;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == REJECTED;
    }

    /** Statuses this one may move to. A final status never changes; PENDING may be re-entered (new code). */
    public Set<RefundStatus> next() {
        switch (this) {
            case RECEIVED: return EnumSet.of(SUBMITTED, REJECTED, REVIEW);
            case SUBMITTED: return EnumSet.of(PENDING, SUCCEEDED, FAILED, REVIEW);
            // PENDING -> SUBMITTED only for the one resend an inquiry's "no such refund" allows
            case PENDING: return EnumSet.of(PENDING, SUBMITTED, SUCCEEDED, FAILED, REVIEW);
            // a person (or a forced inquiry) may still settle a refund under review
            case REVIEW: return EnumSet.of(SUCCEEDED, FAILED, REVIEW);
            default: return EnumSet.noneOf(RefundStatus.class);
        }
    }

    public boolean canMoveTo(RefundStatus to) {
        return next().contains(to);
    }
}
