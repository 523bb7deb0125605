package com.refundhub.flow;

import com.refundhub.config.ChannelConfig;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * When to inquire next and when to give up (SPEC §4): the channel's backoff list, stepped by the number of
 * inquiries made; {@code max-age} after creation the refund goes to REVIEW; after {@code untrustedLimit}
 * answers in a row that cannot be believed, too.
 */
public record InquiryPolicy(Duration maxAge, int untrustedLimit, int batchSize, Duration claimLease) {

    /** Next inquiry after the {@code inquiriesMade}-th (0 = right after the refund call). */
    public OffsetDateTime next(ChannelConfig channel, int inquiriesMade, OffsetDateTime now) {
        List<Duration> backoff = channel.getInquiryBackoff();
        return now.plus(backoff.get(Math.min(inquiriesMade, backoff.size() - 1)));
    }

    public boolean exhausted(OffsetDateTime createdAt, OffsetDateTime now) {
        return !now.isBefore(createdAt.plus(maxAge));
    }
}
