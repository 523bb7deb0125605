package com.refundhub.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The statuses of a refund (SPEC §2). {@code PENDING} is the "unknown or in progress" state the inquiry loop works
 * on; {@code REVIEW} is where automation stops and a person takes over. The moves between them are data:
 * {@link RefundTransitions}.
 */
public enum RefundStatus {
    RECEIVED, SUBMITTED, PENDING, SUCCEEDED, FAILED, REJECTED, REVIEW;

    /** Final: the state machine lets nothing leave it (SUCCEEDED, FAILED, REJECTED). */
    public boolean isFinal() {
        return RefundTransitions.isFinal(this);
    }

    /** Statuses this one may move to. A final status never changes; PENDING may be re-entered (new code). */
    public Set<RefundStatus> next() {
        return RefundTransitions.next(this);
    }

    public boolean canMoveTo(RefundStatus to) {
        return RefundTransitions.allows(this, to);
    }

    /** Every final status. */
    public static Set<RefundStatus> finals() {
        return Arrays.stream(values()).filter(RefundStatus::isFinal)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RefundStatus.class)));
    }

    /** Every status that is not final. */
    public static Set<RefundStatus> open() {
        return EnumSet.complementOf(EnumSet.copyOf(finals()));
    }
}
