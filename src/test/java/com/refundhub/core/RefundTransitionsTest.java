package com.refundhub.core;

import static com.refundhub.core.RefundStatus.FAILED;
import static com.refundhub.core.RefundStatus.PENDING;
import static com.refundhub.core.RefundStatus.RECEIVED;
import static com.refundhub.core.RefundStatus.REJECTED;
import static com.refundhub.core.RefundStatus.REVIEW;
import static com.refundhub.core.RefundStatus.SUBMITTED;
import static com.refundhub.core.RefundStatus.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** The machine the data describes: SPEC §2's statuses, the moves the hub makes, and nothing out of a final status. */
class RefundTransitionsTest {

    @Test
    void theMovesAreTheMachinesMoves() {
        assertThat(RECEIVED.next()).containsExactlyInAnyOrder(SUBMITTED, REJECTED, REVIEW);
        assertThat(SUBMITTED.next()).containsExactlyInAnyOrder(RECEIVED, PENDING, SUCCEEDED, FAILED, REVIEW);
        assertThat(PENDING.next()).containsExactlyInAnyOrder(PENDING, SUBMITTED, SUCCEEDED, FAILED, REVIEW);
        assertThat(REVIEW.next()).containsExactlyInAnyOrder(SUCCEEDED, FAILED, REVIEW);
    }

    @Test
    void finalStatusesAreThoseNothingLeaves() {
        assertThat(RefundStatus.finals()).containsExactlyInAnyOrder(SUCCEEDED, FAILED, REJECTED);
        for (RefundStatus s : RefundStatus.finals()) {
            assertThat(s.next()).as(s.name()).isEmpty();
            assertThat(s.isFinal()).isTrue();
        }
        assertThat(RefundStatus.open()).isEqualTo(EnumSet.of(RECEIVED, SUBMITTED, PENDING, REVIEW));
    }

    @Test
    void previousIsTheInverseOfNext() {
        for (RefundStatus to : RefundStatus.values()) {
            for (RefundStatus from : RefundStatus.values()) {
                assertThat(RefundTransitions.previous(to).contains(from)).as(from + " -> " + to)
                        .isEqualTo(from.canMoveTo(to));
            }
        }
    }

    @Test
    void everyMoveSaysWhatCausesIt() {
        assertThat(RefundTransitions.all()).allSatisfy(t -> {
            assertThat(t.trigger()).isNotBlank();
            assertThat(t.cause()).isNotBlank();
        });
    }
}
